// JsonFields: typed reads of report JSON that record the first problem with its path.
#include "json_fields.h"

namespace bpfcompat::report {
namespace {

std::string join(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

const Json& empty_object() {
  static const Json kEmpty = Json::object();
  return kEmpty;
}

const Json& empty_array() {
  static const Json kEmpty = Json::array();
  return kEmpty;
}

}  // namespace

void JsonFields::fail(const std::string& path, const std::string& what) {
  if (message_.empty()) message_ = path + ": " + what;
}

const Json* JsonFields::find(const Json& obj, const char* key, const std::string& path) {
  if (!obj.is_object()) {
    fail(path.empty() ? "(top level)" : path, "expected an object");
    return nullptr;
  }
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string JsonFields::str(const Json& obj, const char* key, const std::string& path,
                            bool required) {
  const Json* v = find(obj, key, path);
  if (v == nullptr) {
    if (required && obj.is_object()) fail(join(path, key), "missing");
    return "";
  }
  if (!v->is_string()) {
    fail(join(path, key), "expected a string");
    return "";
  }
  return v->get<std::string>();
}

bool JsonFields::boolean(const Json& obj, const char* key, const std::string& path, bool fallback) {
  const Json* v = find(obj, key, path);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) {
    fail(join(path, key), "expected true or false");
    return fallback;
  }
  return v->get<bool>();
}

long JsonFields::integer(const Json& obj, const char* key, const std::string& path, long fallback) {
  const Json* v = find(obj, key, path);
  if (v == nullptr) return fallback;
  if (!v->is_number_integer()) {
    fail(join(path, key), "expected an integer");
    return fallback;
  }
  return v->get<long>();
}

const Json& JsonFields::object(const Json& obj, const char* key, const std::string& path) {
  const Json* v = find(obj, key, path);
  if (v == nullptr) return empty_object();
  if (!v->is_object()) {
    fail(join(path, key), "expected an object");
    return empty_object();
  }
  return *v;
}

const Json& JsonFields::array(const Json& obj, const char* key, const std::string& path,
                              bool required) {
  const Json* v = find(obj, key, path);
  if (v == nullptr) {
    if (required && obj.is_object()) fail(join(path, key), "missing");
    return empty_array();
  }
  if (!v->is_array()) {
    fail(join(path, key), "expected an array");
    return empty_array();
  }
  return *v;
}

}  // namespace bpfcompat::report
