/* import.c - picks a graph file's format and turns the file into a wp_graph (see import.h). */
#include "importers/import.h"

#include <string.h>
#include <strings.h>

#include "engine/snapshot.h"

static const struct {
	const char *ext;
	wp_format format;
} extensions[] = {
        {".txt", WP_FORMAT_EDGELIST},    {".el", WP_FORMAT_EDGELIST},
        {".edges", WP_FORMAT_EDGELIST},  {".tsv", WP_FORMAT_EDGELIST},
        {".csv", WP_FORMAT_EDGELIST},    {".edgelist", WP_FORMAT_EDGELIST},
        {".graphml", WP_FORMAT_GRAPHML}, {".wpg", WP_FORMAT_SNAPSHOT},
        {".gexf", WP_FORMAT_GEXF},       {".net", WP_FORMAT_PAJEK},
        {".pajek", WP_FORMAT_PAJEK},     {".mtx", WP_FORMAT_MTX},
        {".mm", WP_FORMAT_MTX},          {".gt", WP_FORMAT_GT},
};

static const struct {
	const char *name;
	wp_format format;
} names[] = {
        {"edgelist", WP_FORMAT_EDGELIST},
        {"graphml", WP_FORMAT_GRAPHML},
        {"wpg", WP_FORMAT_SNAPSHOT},
        {"gexf", WP_FORMAT_GEXF},
        {"pajek", WP_FORMAT_PAJEK},
        {"mtx", WP_FORMAT_MTX},
        {"gt", WP_FORMAT_GT},
};

wp_status wp_format_parse(const char *name, wp_format *format, char *err)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*format = names[i].format;
			return WP_OK;
		}
	return wp_error(err, WP_EARG,
	                "unknown format '%s': use edgelist, graphml, gexf, pajek, mtx, gt or wpg",
	                name);
}

const char *wp_format_name(wp_format format)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].format == format)
			return names[i].name;
	return "auto";
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t k = strlen(suffix);
	return len >= k && strncasecmp(s + len - k, suffix, k) == 0;
}

wp_status wp_format_from_path(const char *path, wp_format *format, char *err)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (ends_with(base, len, ".gz"))
		len -= 3;
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
		if (ends_with(base, len, extensions[i].ext)) {
			*format = extensions[i].format;
			return WP_OK;
		}
	return wp_error(err, WP_EARG,
	                "%s: cannot tell the format from the file name; name it with "
	                "--input-format edgelist|graphml|gexf|pajek|mtx|gt|wpg",
	                path);
}

wp_status wp_import_graph(wp_graph *g, const char *path, wp_format format,
                          const wp_import_opts *opts, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_edgebuf eb = {0};
	bool directed = opts->directed;

	memset(g, 0, sizeof(*g));
	if (format == WP_FORMAT_AUTO)
		WP_TRY(wp_format_from_path(path, &format, err));
	if (format == WP_FORMAT_SNAPSHOT)
		return wp_snapshot_load(g, path, err);

	WP_TRY(wp_source_open(&src, path, err));
	src.progress = opts->progress;
	src.progress_ctx = opts->progress_ctx;
	switch (format) {
	case WP_FORMAT_GRAPHML:
		WP_TRY(wp_import_graphml(&src, opts, &eb, &directed, err));
		break;
	case WP_FORMAT_GEXF:
		WP_TRY(wp_import_gexf(&src, opts, &eb, &directed, err));
		break;
	case WP_FORMAT_PAJEK:
		WP_TRY(wp_import_pajek(&src, opts, &eb, &directed, err));
		break;
	case WP_FORMAT_MTX:
		WP_TRY(wp_import_mtx(&src, opts, &eb, &directed, err));
		break;
	case WP_FORMAT_GT:
		WP_TRY(wp_import_gt(&src, opts, &eb, &directed, err));
		break;
	default:
		WP_TRY(wp_import_edgelist(&src, opts, &eb, err));
		break;
	}
	wp_source_close(&src);
	return wp_graph_build(g, &eb, directed, err);
fail:
	wp_source_close(&src);
	wp_edgebuf_free(&eb);
	return st;
}
