/* parallel.h - the one place that includes <omp.h>, so a serial build (no -fopenmp) still works.
 *
 * Code elsewhere uses `#pragma omp` freely (ignored without OpenMP) and these wrappers for the
 * runtime calls it needs.
 */
#ifndef WP_PARALLEL_H
#define WP_PARALLEL_H

#ifdef _OPENMP
#include <omp.h>
static inline int wp_thread_id(void)
{
	return omp_get_thread_num();
}
static inline int wp_max_threads(void)
{
	return omp_get_max_threads();
}
static inline int wp_num_threads(void)
{
	return omp_get_num_threads();
}
static inline void wp_set_threads(int n)
{
	omp_set_num_threads(n);
}
static inline int wp_in_parallel(void)
{
	return omp_in_parallel();
}
static inline double wp_wtime(void)
{
	return omp_get_wtime();
}
#else
#include <time.h>
static inline int wp_thread_id(void)
{
	return 0;
}
static inline int wp_max_threads(void)
{
	return 1;
}
static inline int wp_num_threads(void)
{
	return 1;
}
static inline void wp_set_threads(int n)
{
	(void)n;
}
static inline int wp_in_parallel(void)
{
	return 0;
}
static inline double wp_wtime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
#endif

/* Threads worth using for `work` units when each thread should get at least `grain` units. */
static inline int wp_threads_for(unsigned long long work, unsigned long long grain)
{
	unsigned long long t = grain ? work / grain : work;
	int max = wp_max_threads();
	if (t < 1)
		return 1;
	return t < (unsigned long long)max ? (int)t : max;
}

#endif
