// Typed reads of report JSON with the path of the first problem (`targets[2].host.kernel: expected
// a string`), so from_json needs no exceptions and names the bad key.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace bpfcompat::report {

using Json = nlohmann::json;

class JsonFields {
 public:
  // Absent or null → "" (a `required` key that is absent is an error).
  std::string str(const Json& obj, const char* key, const std::string& path, bool required = false);
  bool boolean(const Json& obj, const char* key, const std::string& path, bool fallback = false);
  long integer(const Json& obj, const char* key, const std::string& path, long fallback);
  // Absent or null → an empty object / array.
  const Json& object(const Json& obj, const char* key, const std::string& path);
  const Json& array(const Json& obj, const char* key, const std::string& path,
                    bool required = false);

  void fail(const std::string& path, const std::string& what);
  bool ok() const { return message_.empty(); }
  const std::string& message() const { return message_; }

 private:
  // The value at key, or nullptr when absent or null; records an error when obj is no object.
  const Json* find(const Json& obj, const char* key, const std::string& path);

  std::string message_;  // the first problem only
};

}  // namespace bpfcompat::report
