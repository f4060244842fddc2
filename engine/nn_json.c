/* A strict JSON parser into a flat array of values; see nn_json.h for the limits. */
#include "nn_json.h"

#include <stdlib.h>
#include <string.h>

typedef struct parser {
  const char *text;
  size_t len, pos;
  nn_json *values;
  int n_values, capacity;
  char *strings; /* len + 1 bytes: decoded strings are never longer than their source */
  size_t strings_used;
  nn_error *err;
} parser;

static int parse_value(parser *p, int depth);

static bool fail_at(parser *p, const char *what)
{
  return nn_fail(p->err, "bad JSON at byte %zu: %s", p->pos, what);
}

/* The same, for functions that return an index. */
static int fail_index(parser *p, const char *what)
{
  fail_at(p, what);
  return -1;
}

static void skip_whitespace(parser *p)
{
  while (p->pos < p->len) {
    char c = p->text[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    p->pos++;
  }
}

static bool at(parser *p, char c)
{
  return p->pos < p->len && p->text[p->pos] == c;
}

/* A new value at the current position; its index, or −1 past the limits. */
static int new_value(parser *p, nn_json_type type)
{
  if (p->n_values >= NN_JSON_MAX_VALUES) {
    return fail_index(p, "more than 1000000 values");
  }
  if (p->n_values == p->capacity) {
    int capacity = p->capacity ? p->capacity * 2 : 64;
    if (capacity > NN_JSON_MAX_VALUES)
      capacity = NN_JSON_MAX_VALUES;
    nn_json *bigger = realloc(p->values, (size_t) capacity * sizeof *bigger);
    if (!bigger) {
      nn_fail(p->err, "out of memory parsing JSON");
      return -1;
    }
    p->values = bigger;
    p->capacity = capacity;
  }
  int i = p->n_values++;
  p->values[i] = (nn_json){.type = type, .first_child = -1, .next = -1, .offset = p->pos};
  return i;
}

static int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at p->pos. */
static bool read_hex4(parser *p, unsigned *out)
{
  if (p->len - p->pos < 4)
    return fail_at(p, "truncated \\u escape");
  unsigned v = 0;
  for (int k = 0; k < 4; k++) {
    int d = hex_digit(p->text[p->pos + (size_t) k]);
    if (d < 0)
      return fail_at(p, "bad hex digit in a \\u escape");
    v = v * 16 + (unsigned) d;
  }
  p->pos += 4;
  *out = v;
  return true;
}

static size_t put_utf8(char *dst, unsigned cp)
{
  if (cp < 0x80) {
    dst[0] = (char) cp;
    return 1;
  }
  if (cp < 0x800) {
    dst[0] = (char) (0xc0 | (cp >> 6));
    dst[1] = (char) (0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    dst[0] = (char) (0xe0 | (cp >> 12));
    dst[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
    dst[2] = (char) (0x80 | (cp & 0x3f));
    return 3;
  }
  dst[0] = (char) (0xf0 | (cp >> 18));
  dst[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
  dst[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
  dst[3] = (char) (0x80 | (cp & 0x3f));
  return 4;
}

/* After the 'u' of "\uXXXX": a code point, pairing surrogates; lone ones are refused. */
static bool read_unicode_escape(parser *p, unsigned *cp)
{
  unsigned hi = 0;
  if (!read_hex4(p, &hi))
    return false;
  if (hi >= 0xdc00 && hi <= 0xdfff)
    return fail_at(p, "lone low surrogate in a \\u escape");
  if (hi < 0xd800 || hi > 0xdbff) {
    *cp = hi;
    return true;
  }
  if (p->len - p->pos < 2 || p->text[p->pos] != '\\' || p->text[p->pos + 1] != 'u')
    return fail_at(p, "high surrogate not followed by a low one");
  p->pos += 2;
  unsigned lo = 0;
  if (!read_hex4(p, &lo))
    return false;
  if (lo < 0xdc00 || lo > 0xdfff)
    return fail_at(p, "high surrogate not followed by a low one");
  *cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
  return true;
}

static bool read_escape(parser *p, char *dst, size_t *n)
{
  char c = p->text[p->pos++];
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  const char *hit = c ? strchr(from, c) : NULL;
  if (hit) {
    dst[(*n)++] = to[hit - from];
    return true;
  }
  if (c != 'u') {
    p->pos--;
    return fail_at(p, "unknown escape in a string");
  }
  unsigned cp = 0;
  if (!read_unicode_escape(p, &cp))
    return false;
  *n += put_utf8(dst + *n, cp);
  return true;
}

/* A string at p->pos (on its opening quote), decoded into the arena. */
static bool parse_string(parser *p, const char **out, size_t *out_len)
{
  p->pos++;
  char *dst = p->strings + p->strings_used;
  size_t n = 0;
  for (;;) {
    if (p->pos >= p->len)
      return fail_at(p, "unterminated string");
    unsigned char c = (unsigned char) p->text[p->pos];
    if (c == '"')
      break;
    if (c < 0x20)
      return fail_at(p, "control character in a string");
    p->pos++;
    if (c != '\\') {
      dst[n++] = (char) c;
      continue;
    }
    if (p->pos >= p->len)
      return fail_at(p, "unterminated string");
    if (!read_escape(p, dst, &n))
      return false;
  }
  p->pos++;
  dst[n] = '\0';
  p->strings_used += n + 1;
  *out = dst;
  *out_len = n;
  return true;
}

static bool is_digit(parser *p)
{
  return p->pos < p->len && p->text[p->pos] >= '0' && p->text[p->pos] <= '9';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool parse_number(parser *p, nn_json *v)
{
  bool negative = at(p, '-'), overflow = false, integer = true;
  if (negative)
    p->pos++;
  if (!is_digit(p))
    return fail_at(p, "bad number");
  uint64_t value = 0;
  if (p->text[p->pos] == '0') {
    p->pos++;
  } else {
    while (is_digit(p)) {
      unsigned d = (unsigned) (p->text[p->pos++] - '0');
      if (value > (UINT64_MAX - d) / 10)
        overflow = true;
      value = value * 10 + d;
    }
  }
  if (at(p, '.')) {
    p->pos++;
    integer = false;
    if (!is_digit(p))
      return fail_at(p, "bad number: no digit after '.'");
    while (is_digit(p))
      p->pos++;
  }
  if (at(p, 'e') || at(p, 'E')) {
    p->pos++;
    integer = false;
    if (at(p, '+') || at(p, '-'))
      p->pos++;
    if (!is_digit(p))
      return fail_at(p, "bad number: no digit in the exponent");
    while (is_digit(p))
      p->pos++;
  }
  v->is_uint = !negative && integer && !overflow;
  v->uint_value = v->is_uint ? value : 0;
  return true;
}

static bool parse_literal(parser *p, const char *word)
{
  size_t n = strlen(word);
  if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
    return fail_at(p, "unexpected character");
  p->pos += n;
  return true;
}

/* Links child `c` after `last` (or as the first child of `parent`). */
static void link_child(parser *p, int parent, int *last, int c)
{
  if (*last < 0)
    p->values[parent].first_child = c;
  else
    p->values[*last].next = c;
  *last = c;
  p->values[parent].n_children++;
}

static int parse_array(parser *p, int self, int depth)
{
  p->pos++;
  skip_whitespace(p);
  if (at(p, ']')) {
    p->pos++;
    return self;
  }
  for (int last = -1;;) {
    int c = parse_value(p, depth + 1);
    if (c < 0)
      return -1;
    link_child(p, self, &last, c);
    skip_whitespace(p);
    if (at(p, ']')) {
      p->pos++;
      return self;
    }
    if (!at(p, ','))
      return fail_index(p, "expected ',' or ']' in an array");
    p->pos++;
  }
}

static int parse_object(parser *p, int self, int depth)
{
  p->pos++;
  skip_whitespace(p);
  if (at(p, '}')) {
    p->pos++;
    return self;
  }
  for (int last = -1;;) {
    skip_whitespace(p);
    if (!at(p, '"'))
      return fail_index(p, "expected a string as an object key");
    const char *key;
    size_t key_len;
    if (!parse_string(p, &key, &key_len))
      return -1;
    skip_whitespace(p);
    if (!at(p, ':'))
      return fail_index(p, "expected ':' after an object key");
    p->pos++;
    int c = parse_value(p, depth + 1);
    if (c < 0)
      return -1;
    p->values[c].key = key;
    p->values[c].key_len = key_len;
    link_child(p, self, &last, c);
    skip_whitespace(p);
    if (at(p, '}')) {
      p->pos++;
      return self;
    }
    if (!at(p, ','))
      return fail_index(p, "expected ',' or '}' in an object");
    p->pos++;
  }
}

static int parse_value(parser *p, int depth)
{
  if (depth > NN_JSON_MAX_DEPTH)
    return fail_index(p, "nested deeper than 32 levels");
  skip_whitespace(p);
  if (p->pos >= p->len)
    return fail_index(p, "unexpected end of the text");
  char c = p->text[p->pos];
  nn_json_type type = c == '{'   ? NN_JSON_OBJECT
                      : c == '[' ? NN_JSON_ARRAY
                      : c == '"' ? NN_JSON_STRING
                      : c == 't' ? NN_JSON_TRUE
                      : c == 'f' ? NN_JSON_FALSE
                      : c == 'n' ? NN_JSON_NULL
                                 : NN_JSON_NUMBER;
  int v = new_value(p, type);
  if (v < 0)
    return -1;
  bool ok = true;
  switch (type) {
  case NN_JSON_OBJECT:
    return parse_object(p, v, depth);
  case NN_JSON_ARRAY:
    return parse_array(p, v, depth);
  case NN_JSON_STRING: {
    const char *s;
    size_t n;
    ok = parse_string(p, &s, &n);
    p->values[v].str = s;
    p->values[v].len = n;
    break;
  }
  case NN_JSON_TRUE:
    ok = parse_literal(p, "true");
    break;
  case NN_JSON_FALSE:
    ok = parse_literal(p, "false");
    break;
  case NN_JSON_NULL:
    ok = parse_literal(p, "null");
    break;
  case NN_JSON_NUMBER:
    ok = parse_number(p, &p->values[v]);
    break;
  }
  return ok ? v : -1;
}

bool nn_json_parse(const char *text, size_t len, nn_json_doc *doc, nn_error *err)
{
  memset(doc, 0, sizeof *doc);
  size_t bad;
  if (!nn_utf8_valid(text, len, &bad))
    return nn_fail(err, "bad JSON at byte %zu: not valid UTF-8", bad);
  parser p = {.text = text, .len = len, .err = err};
  p.strings = nn_alloc(len + 1, 1, err);
  if (!p.strings)
    return false;
  int root = parse_value(&p, 0);
  if (root >= 0) {
    skip_whitespace(&p);
    if (p.pos != p.len) {
      fail_at(&p, "unexpected data after the JSON value");
      root = -1;
    }
  }
  if (root < 0) {
    free(p.values);
    free(p.strings);
    return false;
  }
  doc->values = p.values;
  doc->n_values = p.n_values;
  doc->strings = p.strings;
  return true;
}

void nn_json_free(nn_json_doc *doc)
{
  free(doc->values);
  free(doc->strings);
  memset(doc, 0, sizeof *doc);
}

/* Length of the UTF-8 sequence starting at s (at most n bytes), or 0 if it is malformed. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned cp, min;
  if (c >= 0xc2 && c <= 0xdf)
    len = 2, cp = c & 0x1f, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef)
    len = 3, cp = c & 0x0f, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4)
    len = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n < len)
    return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

bool nn_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
  const unsigned char *u = (const unsigned char *) s;
  for (size_t i = 0; i < len;) {
    size_t k = utf8_sequence(u + i, len - i);
    if (!k) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += k;
  }
  return true;
}
