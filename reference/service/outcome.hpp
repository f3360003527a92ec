#pragma once
// An expected-style result for the service layer: a value, or the contract's
// error status with a human-readable detail. The HTTP layer turns a Failure into
// {"detail": ...} with that status; nothing in the service knows about HTTP beyond
// the number.
#include <string>
#include <utility>
#include <variant>

namespace rm {

struct Failure {
  int status = 500;
  std::string detail;
};

inline Failure bad_request(std::string detail) { return {400, std::move(detail)}; }
inline Failure not_found(std::string detail) { return {404, std::move(detail)}; }
inline Failure conflict(std::string detail) { return {409, std::move(detail)}; }
inline Failure too_large(std::string detail) { return {413, std::move(detail)}; }
inline Failure unprocessable(std::string detail) { return {422, std::move(detail)}; }
inline Failure internal_error(std::string detail) { return {500, std::move(detail)}; }

template <class T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Outcome(Failure failure) : state_(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const Failure& failure() const { return std::get<Failure>(state_); }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace rm
