#pragma once
// Query-parameter validation with FastAPI's vocabulary: like JsonFields, it keeps
// the first failure ("query.marginTop: Input should be less than or equal to 25").
// A parameter given twice takes its last value, as Starlette's QueryParams.get does.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "reference/http/api_message.hpp"
#include "reference/service/outcome.hpp"

namespace rm {

class QueryParams {
 public:
  explicit QueryParams(const ApiRequest& request) : request_(request) {}

  std::optional<std::string> get(std::string_view name) const;
  std::string required_string(std::string_view name);
  // Absent -> fallback; not an integer or outside [min, max] -> failure.
  int integer_in_range(std::string_view name, int fallback, int min, int max);
  // true/false, 1/0, yes/no, on/off, t/f, y/n (any case), as pydantic reads a bool.
  bool boolean(std::string_view name, bool fallback);
  // Absent -> fallback; otherwise one of `allowed` exactly. `pattern` is quoted in the
  // message, as FastAPI quotes a Query(pattern=...).
  std::string one_of(std::string_view name, std::string fallback,
                     std::initializer_list<std::string_view> allowed, std::string_view pattern);
  // Absent -> nullopt; otherwise must match ^[a-z]{2}(-[A-Z]{2})?$.
  std::optional<std::string> language_tag(std::string_view name);

  bool ok() const { return !failure_.has_value(); }
  const Failure& failure() const { return *failure_; }

 private:
  void fail(std::string_view name, const std::string& message);

  const ApiRequest& request_;
  std::optional<Failure> failure_;
};

// True when `text` matches ^[a-z]{2}(-[A-Z]{2})?$.
bool is_language_tag(std::string_view text);

}  // namespace rm
