// Result<T> and Error: recoverable failures as values. The API is a subset of std::expected so it
// can become an alias once the toolchain has it.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bpfcompat {

enum class ErrorKind {
  kInvalidInput,    // the user's file, flag or artifact is wrong: exit 64
  kInfrastructure,  // download, qemu, disk, guest: exit 1
  kInternal,        // a bug in bpfcompat: exit 1
  kCancelled,       // interrupted by a signal: exit 130
};

// An error message is lowercase, names the failing input, and may carry a context chain
// ("booting debian-12 → waiting for end marker → timed out"). The code is set where the error is
// made and read as a field, never parsed back out of the message.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::vector<std::string> context;  // outermost first
  std::string hint;                  // what the user can do; may be empty
  std::string code;                  // the report's verdict code ("DOWNLOAD_FAILED"); empty = none
  // The same request fails the same way again wherever it runs (an HTTP 404): no retry helps.
  bool permanent = false;

  // Adds an outer context step ("preparing kernel for debian-12").
  Error&& with_context(std::string step) &&;
  // Sets the code: infrastructure_error("...").with_code("DOWNLOAD_FAILED").
  Error&& with_code(std::string error_code) &&;
  // "ctx1: ctx2: message"
  std::string describe() const;
};

Error invalid_input(std::string message, std::string hint = {});
Error infrastructure_error(std::string message, std::string hint = {});
Error internal_error(std::string message);

// Several problems of one input as one error (the kind of the first; "all problems at once").
// One error is returned as it is; more become one message, a problem per paragraph, each with
// its own hint.
Error combine_errors(std::vector<Error> errors);

template <typename E>
struct Unexpected {
  E error;
};
inline Unexpected<Error> unexpected(Error e) {
  return {std::move(e)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}            // NOLINT
  Result(Unexpected<Error> u) : v_(std::in_place_index<1>, std::move(u.error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & {
    assert(has_value());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(v_));
  }
  template <typename U>
  T value_or(U&& other) const& {
    return has_value() ? value() : T(std::forward<U>(other));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}            // NOLINT
  Result(Unexpected<Error> u) : e_(std::move(u.error)) {}  // NOLINT
  bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const { assert(has_value()); }
  const Error& error() const& {
    assert(!has_value());
    return *e_;
  }
  Error&& error() && {
    assert(!has_value());
    return std::move(*e_);
  }

 private:
  std::optional<Error> e_;
};

}  // namespace bpfcompat
