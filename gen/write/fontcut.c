#include "write/fontcut.h"
#include "core/dl.h"
#include "core/outdir.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The non-ASCII bytes of tiku's own sources, made by the Makefile: the
 * headings and labels the program prints itself. */
#include "write/code_text.h"

#define FC_SYMBOLS(X) \
	X(FcCharSetAddChar) X(FcCharSetCreate) X(FcCharSetDestroy) \
	X(FcCharSetIntersect) X(FcCharSetIsSubset) \
	X(FcConfigAppFontAddFile) X(FcConfigGetCurrent) \
	X(FcConfigGetFonts) X(FcConfigSubstitute) X(FcDefaultSubstitute) \
	X(FcFini) X(FcFontMatch) X(FcFreeTypeQuery) X(FcNameParse) X(FcPatternAddString) \
	X(FcPatternDel) X(FcPatternDestroy) X(FcPatternGetCharSet) \
	X(FcPatternGetInteger) X(FcPatternGetString)
#define HB_SYMBOLS(X) \
	X(hb_blob_create_from_file_or_fail) X(hb_blob_destroy) \
	X(hb_blob_get_data) X(hb_face_create) X(hb_face_destroy) \
	X(hb_face_reference_blob) X(hb_set_add) X(hb_set_clear) \
	X(hb_set_invert) X(hb_subset_input_create_or_fail) \
	X(hb_subset_input_destroy) X(hb_subset_input_set) \
	X(hb_subset_input_set_flags) X(hb_subset_input_unicode_set) \
	X(hb_subset_or_fail)

static struct {
	FC_SYMBOLS(DL_DECLARE)
	HB_SYMBOLS(DL_DECLARE)
} lib;
static const char *const fc_names[] = { FC_SYMBOLS(DL_NAME) NULL };
static void **const fc_slots[] = { FC_SYMBOLS(DL_SLOT) };
static const char *const hb_names[] = { HB_SYMBOLS(DL_NAME) NULL };
static void **const hb_slots[] = { HB_SYMBOLS(DL_SLOT) };
/* fontconfig through libpangocairo, as typesetting finds it */
static struct dl_lib fc_lib = { "libpangocairo-1.0.so.0", fc_names,
	fc_slots, 0, "" };
static struct dl_lib hb_lib = { "libharfbuzz-subset.so.0", hb_names,
	hb_slots, 0, "" };

/* Bumped when the cut changes, so that older cuts are not reused. */
#define CUT_VERSION "2"

static const struct {
	const char *match;              /* the face typesetting asks for */
	int face;                       /* 0 serif, 1 sans */
} wanted[] = {
	{ "Noto Serif CJK SC:weight=80", 0 },
	{ "Noto Serif CJK SC:weight=200", 0 },
	{ "Noto Sans CJK SC:weight=80", 1 },
	{ "Noto Sans CJK SC:weight=200", 1 },
};
/* Song for print, with the free Noto Serif CJK first so that the same
 * machine always picks the same face; Hei for headings. The cuts'
 * families come first, the system's after them as the fallback. */
#define SERIF "Noto Serif CJK SC,SimSun,Songti SC,serif"
#define SANS "Noto Sans CJK SC,SimHei,Heiti SC,sans-serif"
#define CUT_SERIF "tiku Serif"
#define CUT_SANS "tiku Sans"
static const char *const system_families[] = { SERIF, SANS };
static const char *const cut_families[] = { CUT_SERIF "," SERIF,
	CUT_SANS "," SANS };
static const char *const cut_names[] = { CUT_SERIF, CUT_SANS };
static int in_use;

const char *
fontcut_family(int face)
{
	return (in_use ? cut_families : system_families)[face != 0];
}

void
fontcut_release(void)
{
	if (fc_lib.state == 1)
		lib.FcFini();
}

/* ---- the characters a run can print ---- */

#define MAX_CP 0x110000
static uint32_t chars[MAX_CP / 32];

static void
add_char(unsigned cp)
{
	chars[cp / 32] |= 1u << cp % 32;
}

static int
has_char(unsigned cp)
{
	return chars[cp / 32] >> cp % 32 & 1;
}

static void
add_text(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			i++;
			continue;
		}
		add_char(cp);
		i += k;
	}
}

static void
add_dir(const char *dir, int depth)
{
	struct dirent **names;
	int n, i;

	/* sorted, so that the walk does not depend on the file system */
	if (depth > 8 || (n = scandir(dir, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		char *path = xprintf("%s/%s", dir, names[i]->d_name);
		struct stat st;
		char *text;
		size_t len;

		/* links are not followed: only the folders' own files */
		if (names[i]->d_name[0] != '.' && lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				add_dir(path, depth + 1);
			else if (S_ISREG(st.st_mode) &&
			    (text = read_file(path, &len)) != NULL) {
				add_text(text, len);
				free(text);
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

/* Printable ASCII, the program's own text and the files' characters. */
static FcCharSet *
printable(const char *const *dirs)
{
	FcCharSet *cs = lib.FcCharSetCreate();
	unsigned cp;

	memset(chars, 0, sizeof chars);
	for (cp = 0x20; cp < 0x7f; cp++)
		add_char(cp);
	add_text((const char *)code_text, sizeof code_text);
	for (; *dirs; dirs++)
		add_dir(*dirs, 0);
	for (cp = 0; cp < MAX_CP; cp++)
		if (has_char(cp))
			lib.FcCharSetAddChar(cs, cp);
	return cs;
}

/* ---- one face ---- */

/* The source face as fontconfig knows it (no font file read). */
static FcPattern *
source_of(const char *spec)
{
	FcPattern *p = lib.FcNameParse((const FcChar8 *)spec), *m;
	FcResult r;
	FcChar8 *family;

	lib.FcConfigSubstitute(NULL, p, FcMatchPattern);
	lib.FcDefaultSubstitute(p);
	m = lib.FcFontMatch(NULL, p, &r);
	lib.FcPatternDestroy(p);
	/* another family standing in: nothing of Noto's to cut */
	if (m != NULL && (lib.FcPatternGetString(m, FC_FAMILY, 0, &family) !=
	    FcResultMatch || strncmp((const char *)family, spec,
	    strcspn(spec, ":")) != 0)) {
		lib.FcPatternDestroy(m);
		m = NULL;
	}
	return m;
}

/* The cache file of the characters' cut of face index of file. */
static char *
cut_path(const char *cache, const char *file, int index)
{
	struct stat st;
	uint64_t h;

	if (stat(file, &st) != 0)
		return NULL;
	h = fnv1a_mem(FNV_OFFSET, CUT_VERSION, sizeof CUT_VERSION);
	h = fnv1a_mem(h, file, strlen(file) + 1);
	h = fnv1a_mem(h, &index, sizeof index);
	h = fnv1a_mem(h, &st.st_size, sizeof st.st_size);
	h = fnv1a_mem(h, &st.st_mtime, sizeof st.st_mtime);
	h = fnv1a_mem(h, chars, sizeof chars);
	return xprintf("%s/%016llx.otf", cache, (unsigned long long)h);
}

/*
 * HarfBuzz's cut: the characters' glyphs and their layout closure, at
 * their own ids (the rest left empty), every layout feature and name
 * kept, so that shaping and the PDFs' own subsets are what the full
 * face gives. Written beside its name and renamed (outdir_put_file), so
 * that a cut is either whole or absent.
 */
static int
cut(const char *src_file, int index, const char *out)
{
	hb_blob_t *blob = lib.hb_blob_create_from_file_or_fail(src_file), *bytes;
	hb_face_t *face, *cut_face;
	hb_subset_input_t *in;
	const char *data;
	unsigned len, cp;
	int ok;

	if (blob == NULL)
		return -1;
	face = lib.hb_face_create(blob, (unsigned)index);
	lib.hb_blob_destroy(blob);
	if ((in = lib.hb_subset_input_create_or_fail()) == NULL) {
		lib.hb_face_destroy(face);
		return -1;
	}
	for (cp = 0; cp < MAX_CP; cp++)
		if (has_char(cp))
			lib.hb_set_add(lib.hb_subset_input_unicode_set(in), cp);
	lib.hb_set_clear(lib.hb_subset_input_set(in,
	    HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	lib.hb_set_invert(lib.hb_subset_input_set(in,
	    HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	lib.hb_set_clear(lib.hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID));
	lib.hb_set_invert(lib.hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID));
	lib.hb_set_clear(lib.hb_subset_input_set(in,
	    HB_SUBSET_SETS_NAME_LANG_ID));
	lib.hb_set_invert(lib.hb_subset_input_set(in,
	    HB_SUBSET_SETS_NAME_LANG_ID));
	lib.hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NAME_LEGACY);
	cut_face = lib.hb_subset_or_fail(face, in);
	lib.hb_subset_input_destroy(in);
	lib.hb_face_destroy(face);
	if (cut_face == NULL)
		return -1;
	bytes = lib.hb_face_reference_blob(cut_face);
	lib.hb_face_destroy(cut_face);
	data = lib.hb_blob_get_data(bytes, &len);
	ok = len > 0 && outdir_put_file(out, data, len) == 0;
	lib.hb_blob_destroy(bytes);
	return ok ? 0 : -1;
}

/*
 * Register the cut under its own family, after checking that it holds
 * every wanted character the source has: a cache file cut short or
 * cut for other text is not used (and is cut again).
 */
static int
register_cut(const char *path, FcPattern *src, const FcCharSet *want,
    const char *family)
{
	FcCharSet *src_cs, *cut_cs, *need;
	FcPattern *q;
	FcFontSet *app;
	int count, ok, i;

	if (lib.FcPatternGetCharSet(src, FC_CHARSET, 0, &src_cs) !=
	    FcResultMatch || (q = lib.FcFreeTypeQuery((const FcChar8 *)path, 0,
	    NULL, &count)) == NULL)
		return -1;
	need = lib.FcCharSetIntersect(want, src_cs);
	ok = lib.FcPatternGetCharSet(q, FC_CHARSET, 0, &cut_cs) ==
	    FcResultMatch && lib.FcCharSetIsSubset(need, cut_cs);
	lib.FcCharSetDestroy(need);
	lib.FcPatternDestroy(q);
	if (!ok || !lib.FcConfigAppFontAddFile(NULL, (const FcChar8 *)path))
		return -1;
	/* the family it is asked for by, and no other */
	app = lib.FcConfigGetFonts(NULL, FcSetApplication);
	for (i = 0; app != NULL && i < app->nfont; i++) {
		FcChar8 *file;

		if (lib.FcPatternGetString(app->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch || strcmp((const char *)file, path) != 0)
			continue;
		lib.FcPatternDel(app->fonts[i], FC_FAMILY);
		lib.FcPatternDel(app->fonts[i], FC_FAMILYLANG);
		lib.FcPatternAddString(app->fonts[i], FC_FAMILY,
		    (const FcChar8 *)family);
	}
	return 0;
}

/* Cuts kept: a few character sets' worth of the four faces. */
#define KEEP_CUTS 24

static int
is_cut(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && strcmp(e->d_name + n - 4, ".otf") == 0;
}

struct aged {
	char *path;
	time_t used;
};

static int
by_use(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;

	return (x->used > y->used) - (x->used < y->used);
}

/* The least recently used cuts removed, so that the cache stays small
 * however often the content's characters change. */
static void
prune(const char *cache)
{
	struct dirent **names;
	struct aged *cuts;
	struct stat st;
	int n, i;

	if ((n = scandir(cache, &names, is_cut, alphasort)) < 0)
		return;
	cuts = xcalloc((size_t)n + 1, sizeof *cuts);
	for (i = 0; i < n; i++) {
		cuts[i].path = xprintf("%s/%s", cache, names[i]->d_name);
		cuts[i].used = stat(cuts[i].path, &st) == 0 ? st.st_mtime : 0;
		free(names[i]);
	}
	free(names);
	qsort(cuts, (size_t)n, sizeof *cuts, by_use);
	for (i = 0; i < n; i++) {
		if (i < n - KEEP_CUTS)
			unlink(cuts[i].path);
		free(cuts[i].path);
	}
	free(cuts);
}

/*
 * The cut made in a child process: HarfBuzz's subsetter maps most of a
 * 27 MB collection and allocates some 15 MB to cut it, which in this
 * process would stay as its peak (and the freed heap as its size).
 */
static int
cut_aside(const char *src_file, int index, const char *out)
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0)
		_exit(cut(src_file, index, out) == 0 ? 0 : 1);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
prepare_face(const char *cache, size_t k, const FcCharSet *want)
{
	FcPattern *src = source_of(wanted[k].match);
	FcChar8 *file;
	int index = 0, rc = -1;
	char *path;

	if (src == NULL)
		return -1;
	lib.FcPatternGetInteger(src, FC_INDEX, 0, &index);
	if (lib.FcPatternGetString(src, FC_FILE, 0, &file) == FcResultMatch &&
	    (path = cut_path(cache, (const char *)file, index)) != NULL) {
		rc = register_cut(path, src, want, cut_names[wanted[k].face]);
		if (rc == 0)
			(void)utimensat(AT_FDCWD, path, NULL, 0); /* last used */
		else if (cut_aside((const char *)file, index, path) == 0) {
			rc = register_cut(path, src, want,
			    cut_names[wanted[k].face]);
			prune(cache);
		}
		free(path);
	}
	lib.FcPatternDestroy(src);
	return rc;
}

/* The cache folder, made with its parents if need be; NULL if it
 * cannot be. */
static char *
cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir, *p;
	struct stat st;

	if (xdg != NULL && *xdg == '/')
		dir = xprintf("%s/tiku/fonts", xdg);
	else if (home != NULL && *home == '/')
		dir = xprintf("%s/.cache/tiku/fonts", home);
	else
		return NULL;
	for (p = strchr(dir + 1, '/');; p = strchr(p + 1, '/')) {
		if (p != NULL)
			*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			break;
		if (p == NULL)
			break;
		*p = '/';
	}
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    access(dir, W_OK) == 0)
		return dir;
	free(dir);
	return NULL;
}

int
fontcut_prepare(const char *const *dirs)
{
	FcCharSet *want;
	char *cache;
	size_t k;
	int ok = 1;

	if (in_use || dl_load(&fc_lib) < 0 || dl_load(&hb_lib) < 0 ||
	    lib.FcConfigGetCurrent() == NULL || (cache = cache_dir()) == NULL)
		return in_use ? 0 : -1;
	want = printable(dirs);
	/* every face or none: a family with one weight cut would be
	 * emboldened by Pango instead of drawn from the bold face */
	for (k = 0; k < sizeof wanted / sizeof *wanted && ok; k++)
		ok = prepare_face(cache, k, want) == 0;
	lib.FcCharSetDestroy(want);
	free(cache);
	in_use = ok;
	return ok ? 0 : -1;
}
