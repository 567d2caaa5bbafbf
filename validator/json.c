/* JSON writer. Strings come from kernels and libbpf (verifier logs, ELF names), so every byte is
 * escaped defensively: control characters as \u00XX and invalid UTF-8 as U+FFFD, which keeps
 * each line valid JSON whatever a log contains. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jw_init(struct jw* w) {
  memset(w, 0, sizeof(*w));
  w->first[0] = 1;
}

void jw_free(struct jw* w) {
  free(w->buf);
  memset(w, 0, sizeof(*w));
}

static void put(struct jw* w, const char* s, size_t n) {
  if (w->oom) return;
  if (w->len + n + 1 > w->cap) {
    size_t cap = w->cap ? w->cap : 4096;
    while (w->len + n + 1 > cap) cap *= 2;
    char* nb = realloc(w->buf, cap);
    if (!nb) {
      w->oom = 1;
      return;
    }
    w->buf = nb;
    w->cap = cap;
  }
  memcpy(w->buf + w->len, s, n);
  w->len += n;
  w->buf[w->len] = '\0';
}

static void puts_(struct jw* w, const char* s) {
  put(w, s, strlen(s));
}

/* Length of a valid UTF-8 sequence starting at s (1..4), or 0 if invalid. */
static int utf8_len(const unsigned char* s) {
  int n;
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    n = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    n = 3;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    n = 4;
  else
    return 0;
  for (int i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
    return 0; /* overlong or surrogate */
  if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))) return 0;
  return n;
}

static void put_string(struct jw* w, const char* str) {
  const unsigned char* s = (const unsigned char*)(str ? str : "");
  char esc[8];
  put(w, "\"", 1);
  while (*s) {
    unsigned char c = *s;
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      put(w, esc, 2);
      s++;
    } else if (c == '\n') {
      puts_(w, "\\n");
      s++;
    } else if (c == '\t') {
      puts_(w, "\\t");
      s++;
    } else if (c == '\r') {
      puts_(w, "\\r");
      s++;
    } else if (c < 0x20 || c == 0x7f) {
      snprintf(esc, sizeof(esc), "\\u%04x", c);
      puts_(w, esc);
      s++;
    } else {
      int n = utf8_len(s);
      if (n == 0) {
        puts_(w, "\\ufffd");
        s++;
      } else {
        put(w, (const char*)s, (size_t)n);
        s += n;
      }
    }
  }
  put(w, "\"", 1);
}

/* Comma and key before a value. */
static void member(struct jw* w, const char* key) {
  if (!w->first[w->depth]) put(w, ",", 1);
  w->first[w->depth] = 0;
  if (key) {
    put_string(w, key);
    put(w, ":", 1);
  }
}

static void open_(struct jw* w, const char* key, const char* bracket) {
  member(w, key);
  puts_(w, bracket);
  if (w->depth + 1 < JW_MAX_DEPTH) w->depth++;
  w->first[w->depth] = 1;
}

static void close_(struct jw* w, const char* bracket) {
  puts_(w, bracket);
  if (w->depth > 0) w->depth--;
}

void jw_obj_begin(struct jw* w, const char* key) {
  open_(w, key, "{");
}
void jw_obj_end(struct jw* w) {
  close_(w, "}");
}
void jw_arr_begin(struct jw* w, const char* key) {
  open_(w, key, "[");
}
void jw_arr_end(struct jw* w) {
  close_(w, "]");
}

void jw_str(struct jw* w, const char* key, const char* val) {
  member(w, key);
  put_string(w, val);
}

void jw_int(struct jw* w, const char* key, long long val) {
  char num[32];
  member(w, key);
  snprintf(num, sizeof(num), "%lld", val);
  puts_(w, num);
}

void jw_bool(struct jw* w, const char* key, int val) {
  member(w, key);
  puts_(w, val ? "true" : "false");
}

void jw_null(struct jw* w, const char* key) {
  member(w, key);
  puts_(w, "null");
}

void jw_tristate(struct jw* w, const char* key, int val) {
  if (val == 1 || val == 0)
    jw_bool(w, key, val);
  else
    jw_null(w, key);
}

const char* jw_line(struct jw* w, size_t* len) {
  put(w, "\n", 1);
  *len = w->len;
  return w->buf ? w->buf : "\n";
}
