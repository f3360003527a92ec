#pragma once
// What a scenario asserts, recorded rather than thrown: every MUST that does not
// hold makes the verdict `fail`; a SHOULD that does not hold is a warning-level
// finding. Each finding carries the evidence (the request and response that
// showed it). A scenario may also declare itself not testable (a hook it found
// missing at run time) or an error (the target could not be driven).
#include <string>
#include <vector>

#include "reference/http/api_message.hpp"
#include "reference/ports/document.hpp"

namespace rm::harness {

struct Exchange {
  ApiRequest request;
  ApiResponse response;
};

struct Finding {
  enum class Level { kMust, kShould } level = Level::kMust;
  std::string what;      // the contract clause that did not hold
  std::string evidence;  // e.g. "POST /api/v1/resumes/upload -> 200 {...}"
};

class Check {
 public:
  // Records the exchange so findings can cite it (the last few are kept).
  void saw(const Exchange& exchange);
  bool must(bool holds, const std::string& what, const std::string& evidence = {});
  bool should(bool holds, const std::string& what, const std::string& evidence = {});
  void not_testable(const std::string& reason);
  void error(const std::string& reason);

  const std::vector<Finding>& findings() const { return findings_; }
  bool failed() const;  // any MUST finding
  const std::string& not_testable_reason() const { return not_testable_; }
  const std::string& error_reason() const { return error_; }
  const std::vector<Exchange>& exchanges() const { return exchanges_; }
  int musts_checked() const { return musts_; }

 private:
  std::vector<Finding> findings_;
  std::vector<Exchange> exchanges_;
  std::string not_testable_;
  std::string error_;
  int musts_ = 0;
};

}  // namespace rm::harness
