/* Maps and kfuncs of an object. */
#include "object_facts.h"

#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_cache.h"
#include "probe_cache.h"

void write_maps(struct jw* w, struct bpf_object* obj) {
  struct bpf_map* m;
  jw_arr_begin(w, "maps");
  bpf_object__for_each_map(m, obj) {
    enum bpf_map_type t = bpf_map__type(m);
    const char* tn = libbpf_bpf_map_type_str(t);
    jw_obj_begin(w, NULL);
    jw_str(w, "name", bpf_map__name(m));
    jw_int(w, "type", t);
    jw_str(w, "type_name", tn ? tn : "");
    jw_int(w, "max_entries", bpf_map__max_entries(m));
    jw_int(w, "value_size", bpf_map__value_size(m));
    jw_tristate(w, "supported", probe_map_type(t));
    jw_obj_end(w);
  }
  jw_arr_end(w);
}

/* At open time libbpf rewrites the .ksyms entries that name functions (into dummy variables,
 * and drops the extern linkage), so kfuncs are read from the file's own BTF, untouched. */
void write_kfuncs(struct jw* w, const char* path) {
  struct btf* btf = btf__parse_elf(path, NULL);
  jw_arr_begin(w, "kfuncs");
  unsigned n = btf ? btf__type_cnt(btf) : 0;
  for (unsigned id = 1; id < n; id++) {
    const struct btf_type* sec = btf__type_by_id(btf, id);
    const char* sname = sec ? btf__name_by_offset(btf, sec->name_off) : NULL;
    if (!sec || !btf_is_datasec(sec) || !sname || strcmp(sname, ".ksyms") != 0) continue;
    const struct btf_var_secinfo* vs = btf_var_secinfos(sec);
    for (unsigned i = 0; i < btf_vlen(sec); i++) {
      const struct btf_type* t = btf__type_by_id(btf, vs[i].type);
      if (!t || !btf_is_func(t)) continue; /* a typed __ksym variable, not a function */
      const char* name = btf__name_by_offset(btf, t->name_off);
      jw_obj_begin(w, NULL);
      jw_str(w, "name", name);
      jw_tristate(w, "found", btf_cache_has_func(name ? name : ""));
      jw_obj_end(w);
    }
  }
  jw_arr_end(w);
  btf__free(btf);
}
