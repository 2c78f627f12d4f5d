/* archives_world.c - the archive generator's world: people, careers and who knows whom.
 *
 * The population is virtual: person p's name, slug, employers and e-mail are pure functions of
 * (seed, p), so no table of people is ever built. Persons 0 .. members-1 are the members (the
 * first five have fixed names, so the sample and the tests can name them); the community pool,
 * the three role pools and the members' personal ranges follow in the index space. A member's
 * connections are the other members they know (a symmetric relation with one shared date), draws
 * from the pools by an affine permutation of each pool (distinct, O(draws)), about 1% hidden
 * profiles and the era's dirty rows, sorted newest first as LinkedIn writes them. Names come from
 * international lists (accents, apostrophes, credentials after a comma, the odd emoji or middle
 * initial); slugs are ASCII with a unique hex suffix (a bijection of p), or for a fifth of the
 * accented names keep their accents, as LinkedIn allows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/archives_internal.h"

/* A bijection of 32-bit integers (each step is invertible): distinct persons get distinct
 * slug suffixes. */
static uint32_t perm32(uint32_t x, uint32_t key)
{
	x ^= key;
	x *= 0x9e3779b1u;
	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return x;
}

static const char *const FIRST[] = {
        "Zoë",          "Leïla",      "Siobhán",  "Björn",     "Élodie",     "Chloé",
        "José",         "Noémie",     "Søren",    "Åsa",       "Małgorzata", "Łukasz",
        "Jürgen",       "Renée",      "François", "Inès",      "Raphaël",    "Anaïs",
        "João",         "Lúcia",      "Ana",      "Miguel",    "Ngozi",      "Chidi",
        "Amara",        "Kwame",      "Aiko",     "Hiroshi",   "Yuki",       "Priya",
        "Arjun",        "Ananya",     "Wei",      "Mei",       "Jun",        "Hyun-woo",
        "Ji-woo",       "Fatima",     "Omar",     "Yusuf",     "Aylin",      "Emre",
        "Oğuz",         "Çağla",      "Şebnem",   "Dmitri",    "Olga",       "Natalia",
        "Ivana",        "Tomás",      "Pádraig",  "Aoife",     "Niamh",      "Seán",
        "Maëlle",       "Hélène",     "Thérèse",  "Zoltán",    "Réka",       "Ágnes",
        "Jiří",         "Kateřina",   "Tiago",    "María",     "Sofía",      "Ramón",
        "Iñaki",        "Nuria",      "Ewa",      "Märta",     "Linnéa",     "Håkon",
        "Øystein",      "Ingrid",     "Sigríður", "Mohammed",  "Aisha",      "Samira",
        "Karim",        "Youssef",    "Nadia",    "Kofi",      "Abena",      "Thandiwe",
        "Sipho",        "Lerato",     "Tariq",    "Zainab",    "Rafael",     "Camila",
        "Mateo",        "Valentina",  "Lucas",    "Emma",      "Olivia",     "Noah",
        "Liam",         "Ava",        "Sophia",   "James",     "Mary",       "Robert",
        "Patricia",     "Michael",    "Jennifer", "David",     "Linda",      "Sarah",
        "Daniel",       "Laura",      "Kevin",    "Rachel",    "Ruth",       "Esther",
        "Hannah",       "Aaron",      "Nathan",   "Grace",     "Chloe",      "Zoe",
        "Leila",        "Elodie",     "D'Andre",  "Mary-Kate", "Jean-Luc",   "Anne-Sophie",
        "Marie-Claire", "Nguyễn Thị", "Minh",     "Thảo",      "Anh",        "Bảo",
        "Kai",          "Malik",      "Imani",    "Tendai",    "Rutendo",    "Eitan",
        "Noa",          "Yael",       "Ilse",     "Femke",     "Sander",     "Joost",
        "Katja",        "Lena",       "Felix",    "Matteo",    "Giulia",     "Chiara",
        "Lorenzo",      "Paolo",      "Beatriz",  "Gonçalo",   "Inês",       "Ciarán",
        "Róisín",       "Eilís",      "Dara",     "Ayşe",      "Mehmet",     "Elif",
        "Burak",        "Zeynep",     "Rania",    "Hamza",     "Layla",      "Soo-ah",
        "Min-jun",      "Haruto",     "Sakura",   "Ren",       "Akira",      "Ravi",
        "Deepa",        "Kavya",      "Rohan",    "Ishaan",    "Meera",      "Tunde",
        "Folake",       "Chiamaka",   "Emeka",    "Adaeze",    "Yaw",        "Efua",
        "Kamau",        "Wanjiru",    "Njeri",    "Otieno",    "Aroha",      "Tane",
        "Mele",         "Sione",      "Pita",     "Ngaio"};

static const char *const LAST[] = {
        "Brandt",       "Haddad",    "O'Connor",  "Lindqvist",  "Marchand",   "Müller",
        "Schröder",     "Öztürk",    "Yılmaz",    "Çelik",      "Nguyễn",     "Trần",
        "Lê",           "Phạm",      "Kowalski",  "Wiśniewska", "Dvořák",     "Novák",
        "Horváth",      "Kovács",    "Nagy",      "García",     "Martínez",   "Rodríguez",
        "López",        "Hernández", "Núñez",     "Peña",       "Gonçalves",  "Conceição",
        "Araújo",       "Sørensen",  "Håkansson", "Ångström",   "Ó Briain",   "Ní Bhriain",
        "D'Angelo",     "D'Souza",   "N'Diaye",   "Dubois",     "Lefèvre",    "Rousseau",
        "Bélanger",     "Côté",      "Gagné",     "Tremblay",   "Okafor",     "Okonkwo",
        "Adeyemi",      "Mensah",    "Boateng",   "Diallo",     "Ndlovu",     "Dlamini",
        "Mokoena",      "Abebe",     "Tesfaye",   "Haile",      "Tanaka",     "Suzuki",
        "Sato",         "Watanabe",  "Kim",       "Park",       "Lee",        "Choi",
        "Wang",         "Li",        "Zhang",     "Chen",       "Liu",        "Patel",
        "Sharma",       "Singh",     "Iyer",      "Reddy",      "Khan",       "Rahman",
        "Hussain",      "Ahmed",     "Hassan",    "Ali",        "Rossi",      "Russo",
        "Ferrari",      "Esposito",  "Bianchi",   "Romano",     "Schmidt",    "Fischer",
        "Weber",        "Becker",    "Wagner",    "Hoffmann",   "Jansen",     "de Vries",
        "van den Berg", "van Dijk",  "Bakker",    "Smith",      "Johnson",    "Williams",
        "Brown",        "Jones",     "Miller",    "Davis",      "Wilson",     "Anderson",
        "Taylor",       "Thomas",    "Moore",     "Jackson",    "Martin",     "Thompson",
        "White",        "Harris",    "Clark",     "Lewis",      "Robinson",   "Walker",
        "Young",        "Allen",     "King",      "Wright",     "Scott",      "Green",
        "Baker",        "Adams",     "Nelson",    "Hill",       "Campbell",   "Mitchell",
        "Roberts",      "Carter",    "Phillips",  "Evans",      "Turner",     "Torres",
        "Parker",       "Collins",   "Edwards",   "Stewart",    "Morris",     "Murphy",
        "Cook",         "Rogers",    "Morgan",    "Cooper",     "Reed",       "Bailey",
        "Bell",         "Gómez",     "Kelly",     "Howard",     "Ward",       "Díaz",
        "Richardson",   "Wood",      "Watson",    "Brooks",     "Bennett",    "Gray",
        "Reyes",        "Cruz",      "Hughes",    "Price",      "Foster",     "Sanders",
        "Ross",         "Morales",   "Powell",    "Sullivan",   "Russell",    "Ortiz",
        "Jenkins",      "Gutiérrez", "Kimura",    "Nakamura",   "Kobayashi",  "Ivanova",
        "Petrov",       "Smirnova",  "Kuznetsov", "Popescu",    "Ionescu",    "Papadopoulos",
        "Georgiou",     "Jovanović", "Petrović",  "Horvat",     "Kovačević",  "Virtanen",
        "Korhonen",     "Mäkinen",   "Nieminen",  "Jensen",     "Nielsen",    "Hansen",
        "Pedersen",     "Larsen",    "Johansson", "Karlsson",   "Nilsson",    "Eriksson",
        "Bergström",    "Fernández", "Sánchez",   "Ramírez",    "Flores",     "Vargas",
        "Castillo",     "Jiménez",   "Moreno",    "Romero",     "Álvarez",    "Ruiz",
        "Navarro",      "Domínguez", "Vázquez",   "Ramos",      "Serrano",    "Blanco",
        "Molina",       "Suárez",    "Ortega",    "Delgado",    "Castro",     "Iglesias",
        "Medina",       "Cortés",    "Santos",    "Méndez",     "Vidal",      "León",
        "Herrera",      "Márquez",   "Cabrera",   "Fuentes",    "Carrasco",   "Ibáñez",
        "Ferrer",       "Durán",     "Benítez",   "Mwangi",     "Odhiambo",   "Kariuki",
        "Banda",        "Phiri",     "Moyo",      "Nkosi",      "Bangura",    "Kamara",
        "Cissé",        "Traoré",    "Koné",      "Ouédraogo",  "Sow",        "Mahlangu",
        "Te Whiu",      "Ngata",     "Tuilagi",   "Fonoti",     "Al-Masri",   "El-Amin",
        "Ben Youssef",  "Ait Ali",   "Cohen",     "Levi",       "Mizrahi",    "Friedman",
        "Goldberg",     "Kaplan",    "MacDonald", "McAllister", "Fitzgerald", "Ó Súilleabháin"};

/* Credentials people append to their last name (a comma inside the field). */
static const char *const CREDENTIALS[] = {", CFRE", ", PhD", ", MBA", ", CPA", ", Esq."};

const char *const wpi_arch_companies[] = {"Lumen Literacy Collective",
                                          "Quillpay, Inc.",
                                          "Northwind Traders, Inc.",
                                          "Contoso, Ltd.",
                                          "Fabrikam, Inc.",
                                          "Tailspin Toys",
                                          "Wide World Importers",
                                          "Adventure Works Cycles",
                                          "Woodgrove Bank",
                                          "Litware, Inc.",
                                          "Proseware, Inc.",
                                          "Alpine Ski House",
                                          "Coho Winery",
                                          "Blue Yonder Airlines",
                                          "Margie's Travel",
                                          "Trey Research",
                                          "Lucerne Publishing",
                                          "Humongous Insurance",
                                          "Fourth Coffee",
                                          "Wingtip Toys",
                                          "Relecloud",
                                          "Kestrel Analytics, LLC",
                                          "Brightwater Foundation",
                                          "Müller & Söhne GmbH",
                                          "Banque Lumière S.A.",
                                          "Café Olé S.L.",
                                          "Nordlys AS",
                                          "Sakura Logistics K.K.",
                                          "Harbourside Health NHS Trust",
                                          "Université de Valmont",
                                          "Greenfield Community Foundation",
                                          "Open Doors Refugee Network",
                                          "The Hartwell Trust",
                                          "Meridian Capital Partners, L.P.",
                                          "Self-employed",
                                          "Freelance",
                                          "Ashgrove City Council",
                                          "Saint Brigid's Hospital",
                                          "Riverside Primary School",
                                          "Tessellate Studio",
                                          "Ørsted Wind Cooperative",
                                          "São Miguel Seguros",
                                          "Kōwhai Learning Trust",
                                          "Amani Microfinance Ltd",
                                          "Pinecrest Academy",
                                          "Volta Mobility, Inc.",
                                          "Cobalt & Finch LLP",
                                          "Halcyon Health, Inc.",
                                          "BrightPath Tutoring",
                                          "Atlas Data Co."};
const uint32_t wpi_arch_companies_count =
        sizeof(wpi_arch_companies) / sizeof(wpi_arch_companies[0]);

const char *const wpi_arch_titles[] = {"Executive Director",
                                       "Program Manager",
                                       "Software Engineer",
                                       "Senior \"Platform\" Engineer",
                                       "Head of Partnerships",
                                       "Development Director",
                                       "Grants Manager",
                                       "Volunteer Coordinator",
                                       "Board Member",
                                       "Treasurer",
                                       "CFO",
                                       "Chief Executive Officer",
                                       "Data Analyst",
                                       "Teacher",
                                       "Nurse",
                                       "Consultant",
                                       "Founder & CEO",
                                       "Marketing Lead, EMEA",
                                       "Product Designer",
                                       "Research Fellow",
                                       "Policy Advisor",
                                       "Communications Officer",
                                       "Fundraising Manager",
                                       "Major Gifts Officer",
                                       "Partner",
                                       "Associate",
                                       "Student",
                                       "Retired",
                                       "Solicitor",
                                       "Architect",
                                       "Journalist",
                                       "Community Organiser",
                                       "Operations Manager",
                                       "HR Business Partner",
                                       "Account Executive",
                                       "Sales Director, North America",
                                       "Literacy Tutor",
                                       "Head of Data & Impact",
                                       "Chair of the Board",
                                       "Librarian"};
const uint32_t wpi_arch_titles_count = sizeof(wpi_arch_titles) / sizeof(wpi_arch_titles[0]);

const char *const wpi_arch_role_names[WPI_ROLES] = {"staff", "board", "volunteer"};

static const wpi_arch_era ERAS[WP_ARCHIVES_ERAS] = {
        {.name = "2026",
         .year = 2026,
         .month = 11,
         .day = 20,
         .preamble = true,
         .url = true,
         .notes_file = true,
         .invitation_urls = true,
         .endorsement_urls = true,
         .message_columns = 13,
         .quote_all = true,
         .sponsored = true,
         .connections_file = "Connections.csv",
         .follows_file = "Company Follows.csv"},
        {.name = "2024",
         .year = 2024,
         .month = 6,
         .day = 14,
         .preamble = true,
         .quoted_notes = true,
         .url = true,
         .invitation_urls = true,
         .endorsement_urls = true,
         .message_columns = 11,
         .sponsored = true,
         .connections_file = "connections.csv",
         .follows_file = "Company_Follows.csv",
         .dirty_messages = 1},
        {.name = "2022",
         .year = 2022,
         .month = 9,
         .day = 7,
         .preamble = true,
         .final_newline = true,
         .message_columns = 9,
         .sponsored = true,
         .connections_file = "Connections.csv",
         .follows_file = "Company Follows.csv",
         .dirty_connections = 2},
        {.name = "2019",
         .year = 2020,
         .month = 2,
         .day = 11,
         .final_newline = true,
         .message_columns = 9,
         .connections_file = "Connections.csv",
         .follows_file = "Company Follows.csv"},
        {.name = "excel",
         .year = 2024,
         .month = 3,
         .day = 2,
         .preamble = true,
         .url = true,
         .excel = true,
         .final_newline = true,
         .invitation_urls = true,
         .endorsement_urls = true,
         .message_columns = 11,
         .sponsored = true,
         .connections_file = "Connections.csv",
         .follows_file = "Company Follows.csv",
         .dirty_connections = 2},
};

/* The first five members are fixed, so the sample and the tests can name them. */
typedef struct fixed_member {
	const char *first, *last, *slug;
	wpi_arch_role r;
	uint32_t company, title; /* current job (indexes) */
	uint32_t org_title;      /* their title at the org when not staff, or 0 */
} fixed_member;

static const fixed_member FIXED[] = {
        {"Zoë", "Brandt", "zoe-brandt", WPI_STAFF, WPI_ORG, 0, 0},
        {"Leïla", "Haddad", "leïla-haddad", WPI_BOARD, 8, 4, 38},
        {"Siobhán", "O'Connor", "siobhan-oconnor-7b21a9", WPI_STAFF, WPI_ORG, 7, 0},
        {"Björn", "Lindqvist", "bjorn-lindqvist", WPI_BOARD, 26, 10, 9},
        {"Élodie", "Marchand", "elodie-marchand-3c5d", WPI_VOLUNTEER, 1, 18, 0},
};
#define N_FIXED (sizeof(FIXED) / sizeof(FIXED[0]))

/* The companies of the members' earlier careers, shared by pairs of members. */
static const uint32_t CAREER[] = {2, 3, 4, 8, 9, 22, 24, 33};
#define N_CAREER (sizeof(CAREER) / sizeof(CAREER[0]))

/* Latin-1 supplement U+00C0..U+00FF and Latin Extended-A U+0100..U+017F without accents;
 * '*' marks characters that are dropped. */
static const char LATIN1[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
static const char LATIN_A[] = "AaAaAa"
                              "CcCcCcCc"
                              "DdDd"
                              "EeEeEeEeEe"
                              "GgGgGgGg"
                              "HhHh"
                              "IiIiIiIiIi"
                              "Ii"
                              "Jj"
                              "Kkk"
                              "LlLlLlLlLl"
                              "NnNnNnnNn"
                              "OoOoOo"
                              "Oo"
                              "RrRrRr"
                              "SsSsSsSs"
                              "TtTtTt"
                              "UuUuUuUuUuUu"
                              "Ww"
                              "YyY"
                              "ZzZzZz"
                              "s";
_Static_assert(sizeof(LATIN1) == 0x40 + 1, "one letter per code point U+00C0..U+00FF");
_Static_assert(sizeof(LATIN_A) == 0x80 + 1, "one letter per code point U+0100..U+017F");

/* Decodes one UTF-8 character at *s, advancing *s; invalid bytes decode as themselves. */
static uint32_t utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t c = p[0];
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (n > 0)
		c &= 0x3fu >> n;
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s += i;
			return 0xfffd;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	*s += n + 1;
	return c;
}

/* Letters outside Latin-1 and Latin Extended-A that the name lists use: Vietnamese vowels with
 * their tone marks (U+01A0.., U+1EA0..). */
static const struct {
	uint32_t lo, hi;
	char letter;
} FOLD_RANGES[] = {{0x1a0, 0x1a1, 'o'},   {0x1af, 0x1b0, 'u'},   {0x1ea0, 0x1eb7, 'a'},
                   {0x1eb8, 0x1ec7, 'e'}, {0x1ec8, 0x1ecb, 'i'}, {0x1ecc, 0x1ee3, 'o'},
                   {0x1ee4, 0x1ef1, 'u'}, {0x1ef2, 0x1ef9, 'y'}};

/* The ASCII letter of c without its accent (lower-cased), or 0 to drop it. */
static char fold_char(uint32_t c)
{
	char a = 0;
	if (c < 0x80)
		a = (char)c;
	else if (c >= 0xc0 && c <= 0xff)
		a = LATIN1[c - 0xc0];
	else if (c >= 0x100 && c <= 0x17f)
		a = LATIN_A[c - 0x100];
	for (size_t i = 0; a == 0 && i < sizeof(FOLD_RANGES) / sizeof(FOLD_RANGES[0]); i++)
		if (c >= FOLD_RANGES[i].lo && c <= FOLD_RANGES[i].hi)
			a = FOLD_RANGES[i].letter;
	if (a == '*')
		return 0;
	return a >= 'A' && a <= 'Z' ? (char)(a - 'A' + 'a') : a;
}

/* Appends s folded to lower-case ASCII letters and digits to out (size cap); other characters
 * become `space` (or are dropped when space is 0), never two in a row. */
void wpi_arch_fold_append(char *out, size_t cap, const char *s, char space)
{
	size_t n = strlen(out);
	bool gap = false; /* a separator is due before the next letter */
	while (*s && n + 1 < cap) {
		uint32_t c = utf8_next(&s);
		char a = fold_char(c);
		if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
			if (gap && space && n > 0 && n + 2 < cap)
				out[n++] = space;
			gap = false;
			if (c == 0xdf && n + 2 < cap) /* ß */
				out[n++] = 's';
			out[n++] = a;
		} else if (a != '\'' && a != 0) {
			gap = true;
		}
	}
	out[n] = '\0';
}

/* Whether every word of s starts with an ASCII byte (so lower-casing ASCII is enough). */
static bool ascii_initials(const char *s)
{
	bool start = true;
	for (; *s; s++) {
		if (start && (unsigned char)*s >= 0x80)
			return false;
		start = *s == ' ' || *s == '-';
	}
	return true;
}

/* Appends s lower-cased (ASCII letters only), spaces as '-', apostrophes dropped. */
static void slug_append_utf8(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);
	for (; *s && n + 1 < cap; s++) {
		char c = *s;
		if (c == '\'')
			continue;
		if (c == ' ')
			c = '-';
		else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[n++] = c;
	}
	out[n] = '\0';
}

wpi_arch_role wpi_arch_member_role(const wpi_arch_world *w, uint32_t m)
{
	if (m < N_FIXED)
		return FIXED[m].r;
	uint32_t h = (uint32_t)(hash3(w->o.seed, m, WPI_H_ROLE) % 100);
	return h < 30 ? WPI_STAFF : h < 55 ? WPI_BOARD : WPI_VOLUNTEER;
}

const wpi_arch_era *wpi_arch_member_era(uint32_t m)
{
	return &ERAS[m % WP_ARCHIVES_ERAS];
}

/* Noon UTC of member m's export date: the era's date, 3 days earlier per round of eras (at
 * most a year earlier). */
int64_t wpi_arch_export_time(uint32_t m)
{
	const wpi_arch_era *e = wpi_arch_member_era(m);
	int64_t shift = (int64_t)(m / WP_ARCHIVES_ERAS % 120) * 3 * WPI_DAY;
	return time_of(e->year, e->month, e->day) - shift + WPI_DAY / 2;
}

void wpi_arch_member_career(const wpi_arch_world *w, uint32_t m, wpi_arch_career *c)
{
	uint64_t h = hash3(w->o.seed, m, WPI_H_CAREER);
	wpi_arch_role r = wpi_arch_member_role(w, m);
	uint32_t company, title;
	int32_t now = month_of(wpi_arch_export_time(m));
	if (m < N_FIXED) {
		company = FIXED[m].company;
		title = FIXED[m].title;
	} else if (r == WPI_STAFF) {
		company = WPI_ORG;
		title = (uint32_t)(h % 8);
	} else {
		company = 1 + (uint32_t)(h % (wpi_arch_companies_count - 1));
		title = 12 + (uint32_t)((h >> 8) % 26);
	}
	memset(c, 0, sizeof(*c));
	/* The current job started 1-7 years before the export. */
	int32_t start = now - 12 - (int32_t)((h >> 16) % 72);
	c->jobs[c->count++] = (wpi_arch_job){company, title, start, 0};
	uint32_t org_title = m < N_FIXED ? FIXED[m].org_title : r == WPI_BOARD ? 8 : 0;
	if (org_title != 0)
		c->jobs[c->count++] = (wpi_arch_job){WPI_ORG, org_title,
		                                     start + 5 - (int32_t)((h >> 24) % 30), 0};
	/* The employer shared with the partner member (m ^ 1): overlapping tenures. */
	uint32_t pair = m / 2;
	uint64_t ph = hash3(w->o.seed, pair, WPI_H_CAREER);
	int32_t pair_start = WPI_MONTH_INDEX(2008, 1) + (int32_t)(ph % 60);
	int32_t s = pair_start + (m % 2 ? 18 : 0);
	int32_t e = s + 40 + (int32_t)((h >> 32) % 20);
	if (e >= start)
		e = start - 1;
	if (e > s)
		c->jobs[c->count++] = (wpi_arch_job){CAREER[pair % N_CAREER],
		                                     12 + (uint32_t)((h >> 40) % 26), s, e};
	/* A first job before that. */
	int32_t s0 = s - 24 - (int32_t)((h >> 48) % 24);
	c->jobs[c->count++] = (wpi_arch_job){CAREER[(pair + 3 + m % 2) % N_CAREER],
	                                     12 + (uint32_t)((h >> 52) % 26), s0, s - 1};
}

static uint64_t gcd(uint64_t x, uint64_t y)
{
	while (y) {
		/* clang-analyzer 14 calls x undefined on some paths of draw() (valgrind and UBSan
		 * find nothing): it loses track of rng_below's result. */
		uint64_t t = x % y; /* NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult) */
		x = y;
		y = t;
	}
	return x;
}

/* The person's slug: the name folded to ASCII (or, with keep_accents and initials that need no
 * case folding, lower-cased UTF-8, percent-encoded later in URLs) and a unique hex suffix, a
 * bijection of p. */
static void make_slug(wpi_arch_person *out, const char *first, const char *last, uint32_t p,
                      uint64_t seed, bool keep_accents)
{
	char suffix[16];
	bool accented = false;
	snprintf(suffix, sizeof(suffix), "-%08x", perm32(p, (uint32_t)seed));
	for (const char *q = first; *q; q++)
		accented |= (unsigned char)*q >= 0x80;
	for (const char *q = last; *q; q++)
		accented |= (unsigned char)*q >= 0x80;
	out->slug[0] = '\0';
	if (accented && keep_accents && ascii_initials(first) && ascii_initials(last)) {
		slug_append_utf8(out->slug, sizeof(out->slug), first);
		slug_append_utf8(out->slug, sizeof(out->slug), "-");
		slug_append_utf8(out->slug, sizeof(out->slug), last);
	} else {
		wpi_arch_fold_append(out->slug, sizeof(out->slug), first, '-');
		slug_append_utf8(out->slug, sizeof(out->slug), "-");
		wpi_arch_fold_append(out->slug, sizeof(out->slug), last, '-');
	}
	slug_append_utf8(out->slug, sizeof(out->slug), suffix);
}

/* Person p of the world: a member (p < members) or a pooled or personal contact. */
void wpi_arch_person_get(const wpi_arch_world *w, uint32_t p, wpi_arch_person *out)
{
	uint64_t seed = w->o.seed;
	memset(out, 0, sizeof(*out));
	out->member = p < w->o.members;
	if (out->member && p < N_FIXED) {
		snprintf(out->first, sizeof(out->first), "%s", FIXED[p].first);
		snprintf(out->last, sizeof(out->last), "%s", FIXED[p].last);
		snprintf(out->slug, sizeof(out->slug), "%s", FIXED[p].slug);
	} else if (out->member) {
		/* A unique pair of names: an affine permutation of the pairs' index space, so
		 * neighbouring members differ in both names. */
		uint64_t pairs = (uint64_t)w->member_firsts * w->member_lasts;
		uint64_t mul = 1 + hash3(seed, 0, WPI_H_FIRST) % (pairs - 1);
		while (gcd(mul, pairs) != 1)
			mul++;
		uint64_t r = ((uint64_t)(p - N_FIXED) * mul + hash3(seed, 0, WPI_H_LAST)) % pairs;
		uint32_t fi = (uint32_t)(r % w->member_firsts),
		         li = (uint32_t)(r / w->member_firsts);
		snprintf(out->first, sizeof(out->first), "%s", FIRST[w->member_first[fi]]);
		snprintf(out->last, sizeof(out->last), "%s", LAST[w->member_last[li]]);
		make_slug(out, out->first, out->last, p, seed, false);
	} else {
		uint64_t special = hash3(seed, p, WPI_H_SPECIAL);
		const char *first =
		        FIRST[hash3(seed, p, WPI_H_FIRST) % (sizeof(FIRST) / sizeof(*FIRST))];
		uint64_t li = hash3(seed, p, WPI_H_LAST) % (sizeof(LAST) / sizeof(*LAST));
		/* Namesakes occur, but not of the sample's members: "Zoë Brandt" stays one. */
		for (size_t i = 0; i < N_FIXED; i++)
			if (strcmp(first, FIXED[i].first) == 0 &&
			    strcmp(LAST[li], FIXED[i].last) == 0)
				li = (li + 1) % (sizeof(LAST) / sizeof(*LAST));
		const char *last = LAST[li];
		if (special % 23 == 5) /* a middle initial */
			snprintf(out->first, sizeof(out->first), "%s %c.", first,
			         (char)('A' + (special >> 8) % 26));
		else if (special % 211 == 7) /* an emoji, as some profiles have */
			snprintf(out->first, sizeof(out->first), "%s \xf0\x9f\x8c\xb1", first);
		else
			snprintf(out->first, sizeof(out->first), "%s", first);
		if (special % 31 == 3)
			snprintf(out->last, sizeof(out->last), "%s%s", last,
			         CREDENTIALS[(special >> 16) % 5]);
		else
			snprintf(out->last, sizeof(out->last), "%s", last);
		/* A fifth of the accented names keep their accents in the slug. */
		make_slug(out, first, last, p, seed, (special >> 24) % 5 == 0);
	}
	if (out->member) {
		wpi_arch_career c;
		wpi_arch_member_career(w, p, &c);
		out->company[1] = c.jobs[0].company;
		out->title[1] = c.jobs[0].title;
		out->switch_month = c.jobs[0].start;
		const wpi_arch_job *prev = &c.jobs[c.count - 1];
		for (int i = 1; i < c.count; i++)
			if (c.jobs[i].end != 0) {
				prev = &c.jobs[i];
				break;
			}
		out->company[0] = prev->company;
		out->title[0] = prev->title;
		out->email = true;
		return;
	}
	uint64_t hc0 = hash3(seed, p, WPI_H_COMPANY0), hc1 = hash3(seed, p, WPI_H_COMPANY1);
	/* A tenth of the community pool works at the org. */
	bool org = p >= w->base_comm && p < w->base_comm + w->pool_comm && hc1 % 10 == 0;
	out->company[0] = 1 + (uint32_t)(hc0 % (wpi_arch_companies_count - 1));
	out->company[1] =
	        org ? WPI_ORG : 1 + (uint32_t)((hc1 >> 8) % (wpi_arch_companies_count - 1));
	out->title[0] = (uint32_t)(hash3(seed, p, WPI_H_TITLE0) % wpi_arch_titles_count);
	out->title[1] = (uint32_t)(hash3(seed, p, WPI_H_TITLE1) % wpi_arch_titles_count);
	out->switch_month =
	        WPI_MONTH_INDEX(2012, 1) + (int32_t)(hash3(seed, p, WPI_H_SWITCH) % 180);
	out->email = hash3(seed, p, WPI_H_EMAIL) % 100 < 3;
}

const char *wpi_arch_person_company(const wpi_arch_person *ps, int64_t t)
{
	return wpi_arch_companies[ps->company[month_of(t) >= ps->switch_month]];
}

const char *wpi_arch_person_title(const wpi_arch_person *ps, int64_t t)
{
	return wpi_arch_titles[ps->title[month_of(t) >= ps->switch_month]];
}

void wpi_arch_person_name(const wpi_arch_person *ps, char *out, size_t cap)
{
	snprintf(out, cap, "%s %s", ps->first, ps->last);
}

/* Writes person ps's URL as `form` says into out (256 bytes); variant picks among variants. */
void wpi_arch_person_url(const wpi_arch_person *ps, wpi_arch_url_form form, uint64_t variant,
                         char *out)
{
	char enc[192] = ""; /* with the longest prefix and suffix, out still fits 256 bytes */
	size_t n = 0;
	int style = form == WPI_U_VARIANT ? (int)(variant % 100) : 0;
	bool upper = style >= 80 && style < 86;
	bool start = true;
	for (const char *q = ps->slug; *q && n + 4 < sizeof(enc); q++) {
		unsigned char c = (unsigned char)*q;
		if (c >= 0x80 && form != WPI_U_RAW)
			n += (size_t)snprintf(enc + n, sizeof(enc) - n, "%%%02X", c);
		else
			enc[n++] =
			        upper && start && c >= 'a' && c <= 'z' ? (char)(c - 32) : (char)c;
		start = c == '-';
	}
	enc[n] = '\0';
	if (form == WPI_U_NO_SCHEME)
		snprintf(out, 256, "www.linkedin.com/in/%s", enc);
	else if (style >= 86 && style < 92)
		snprintf(out, 256, "https://www.linkedin.com/in/%s/", enc);
	else if (style >= 92 && style < 97)
		snprintf(out, 256, "https://www.linkedin.com/in/%s?trk=public_profile_browsemap",
		         enc);
	else if (style >= 97)
		snprintf(out, 256, "http://linkedin.com/in/%s", enc);
	else
		snprintf(out, 256, "https://www.linkedin.com/in/%s", enc);
}

void wpi_arch_person_email(const wpi_arch_person *ps, bool member_at_org, char *out, size_t cap)
{
	char local[160] = "";
	wpi_arch_fold_append(local, sizeof(local), ps->first, '.');
	size_t n = strlen(local);
	if (n + 1 < sizeof(local))
		local[n++] = '.', local[n] = '\0';
	wpi_arch_fold_append(local, sizeof(local), ps->last, '.');
	snprintf(out, cap, "%s@%s", local, member_at_org ? "lumen.example.org" : "example.com");
}

/* The indexes of names[0..n) whose folded forms are distinct and differ from every fixed
 * member's first (or last) name, into out (WPI_NAMES_MAX); returns how many. O(n^2) on lists of
 * a few hundred names, once per generation. */
static uint32_t distinct_names(const char *const *names, size_t n, bool first, uint16_t *out)
{
	char a[128], b[128];
	uint32_t count = 0;
	for (size_t i = 0; i < n && count < WPI_NAMES_MAX; i++) {
		bool keep = true;
		a[0] = '\0';
		wpi_arch_fold_append(a, sizeof(a), names[i], ' ');
		for (size_t k = 0; keep && k < N_FIXED; k++) {
			b[0] = '\0';
			wpi_arch_fold_append(b, sizeof(b), first ? FIXED[k].first : FIXED[k].last,
			                     ' ');
			keep = strcmp(a, b) != 0;
		}
		for (uint32_t k = 0; keep && k < count; k++) {
			b[0] = '\0';
			wpi_arch_fold_append(b, sizeof(b), names[out[k]], ' ');
			keep = strcmp(a, b) != 0;
		}
		if (keep)
			out[count++] = (uint16_t)i;
	}
	return count;
}

void wpi_arch_world_init(const wp_archives_opts *o, wpi_arch_world *w)
{
	memset(w, 0, sizeof(*w));
	w->o = *o;
	uint32_t M = o->members, K = o->connections;
	for (uint32_t m = 0; m < M; m++)
		w->role_count[wpi_arch_member_role(w, m)]++;
	/* Nominal draws: a quarter of a member's connections from the community, 15% from
	 * their role's pool; pools sized so that a pooled person is known by ~3 members. */
	uint64_t dc = K / 4, dr = (uint64_t)K * 15 / 100;
	uint64_t c = dc * M / 3;
	w->pool_comm = (uint32_t)(c > dc ? c : dc ? dc : 1);
	w->base_comm = M;
	uint32_t next = w->base_comm + w->pool_comm;
	for (int r = 0; r < WPI_ROLES; r++) {
		uint64_t s = dr * w->role_count[r] / 2;
		w->pool_role[r] = (uint32_t)(s > dr ? s : dr ? dr : 1);
		w->base_role[r] = next;
		next += w->pool_role[r];
	}
	w->base_personal = next;
	w->personal_size = 2 * K + 16;
	for (uint32_t m = 0; m < M && w->org_count < WPI_ORG_THREAD_MAX; m++)
		if (wpi_arch_member_role(w, m) != WPI_VOLUNTEER)
			w->org_members[w->org_count++] = m;
	w->member_firsts =
	        distinct_names(FIRST, sizeof(FIRST) / sizeof(*FIRST), true, w->member_first);
	w->member_lasts = distinct_names(LAST, sizeof(LAST) / sizeof(*LAST), false, w->member_last);
}

/* Whether members i and j are connected, and since when (symmetric). */
static bool members_linked(const wpi_arch_world *w, uint32_t i, uint32_t j, int64_t *since)
{
	uint32_t a = i < j ? i : j, b = i < j ? j : i;
	uint64_t pair = (uint64_t)a * WP_ARCHIVES_MAX_MEMBERS + b;
	uint64_t h = hash3(w->o.seed, pair, WPI_H_PAIR);
	bool same = wpi_arch_member_role(w, i) == wpi_arch_member_role(w, j);
	bool either_staff =
	        wpi_arch_member_role(w, i) == WPI_STAFF || wpi_arch_member_role(w, j) == WPI_STAFF;
	uint32_t percent = same || either_staff ? 90 : 55;
	if (a < N_FIXED && b < N_FIXED)
		percent = 100; /* the sample's members all know each other */
	if (h % 100 >= percent)
		return false;
	int64_t hi = wpi_arch_export_time(a) < wpi_arch_export_time(b) ? wpi_arch_export_time(a)
	                                                               : wpi_arch_export_time(b);
	int64_t lo = time_of(2012, 1, 1);
	*since = lo +
	         (int64_t)(hash3(w->o.seed, pair, WPI_H_PAIR_DATE) % (uint64_t)(hi - lo - WPI_DAY));
	return true;
}

/* Newest first; ties by person, so the order is total. */
static int conn_cmp(const void *a, const void *b)
{
	const wpi_arch_conn *x = a, *y = b;
	if (x->t != y->t)
		return x->t > y->t ? -1 : 1;
	return x->p < y->p ? -1 : x->p > y->p;
}

/* Appends n distinct persons of [base, base + size) (n <= size) by a random affine permutation
 * of the range, each connected at a random time in [lo, hi), more often in recent years. */
static void draw(wpi_arch_rng *r, wpi_arch_conn *rows, uint32_t *count, uint32_t base,
                 uint32_t size, uint32_t n, int64_t lo, int64_t hi)
{
	if (n == 0 || size == 0)
		return;
	uint64_t a;
	do /* a multiplier coprime with size */
		a = 1 + rng_below(r, size);
	while (gcd(a, size) != 1);
	uint64_t b = rng_below(r, size);
	for (uint32_t i = 0; i < n; i++) {
		double u = (double)(rng_next(r) >> 11) / 9007199254740992.0;
		int64_t t =
		        lo + (int64_t)((double)(hi - lo) * sqrt(u)); /* density rises linearly */
		rows[(*count)++] =
		        (wpi_arch_conn){t, base + (uint32_t)((a * i + b) % size), WPI_R_PERSON};
	}
}

/* A member's Connections.csv rows, sorted newest first. rows holds connections entries. */
void wpi_arch_member_connections(const wpi_arch_world *w, uint32_t m, wpi_arch_rng *r,
                                 wpi_arch_conn *rows, uint32_t *count)
{
	uint32_t K = w->o.connections;
	const wpi_arch_era *e = wpi_arch_member_era(m);
	int64_t exp = wpi_arch_export_time(m), lo = time_of(2008, 6, 1);
	uint32_t hidden = K / 100 ? K / 100 : 1;
	uint32_t dirty = K >= 20 ? (uint32_t)e->dirty_connections : 0;
	uint32_t real = K - hidden - dirty, n = 0;

	for (uint32_t j = 0; j < w->o.members && n < real / 4; j++) {
		int64_t since;
		if (j != m && members_linked(w, m, j, &since))
			rows[n++] = (wpi_arch_conn){since, j, WPI_R_PERSON};
	}
	uint32_t rest = real - n;
	uint32_t dc = rest / 4, dr = rest * 15 / 100;
	wpi_arch_role ro = wpi_arch_member_role(w, m);
	if (dc > w->pool_comm)
		dc = w->pool_comm;
	if (dr > w->pool_role[ro])
		dr = w->pool_role[ro];
	uint32_t dp = rest - dc - dr;
	uint32_t personal = w->base_personal + m * w->personal_size;
	draw(r, rows, &n, w->base_comm, w->pool_comm, dc, lo, exp - WPI_DAY);
	draw(r, rows, &n, w->base_role[ro], w->pool_role[ro], dr, lo, exp - WPI_DAY);
	draw(r, rows, &n, personal, dp, dp, lo, exp - WPI_DAY);
	for (uint32_t i = 0; i < hidden; i++)
		rows[n++] = (wpi_arch_conn){rng_between(r, lo, exp - WPI_DAY), UINT32_MAX - i,
		                            WPI_R_HIDDEN};
	/* Dirty rows name people of the personal range beyond the drawn ones. */
	for (uint32_t i = 0; i < dirty; i++)
		rows[n++] =
		        (wpi_arch_conn){rng_between(r, exp - 400 * WPI_DAY, exp - WPI_DAY),
		                        personal + dp + i, i % 2 ? WPI_R_BAD_DATE : WPI_R_SHORT};
	qsort(rows, n, sizeof(*rows), conn_cmp);
	*count = n;
}
