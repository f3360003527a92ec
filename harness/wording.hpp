#pragma once
// Free text as words, for judging what a message says rather than how it is
// spelled (contract: "checks on free text look for the subject, not our
// wording"). The text is normalised so that spelling variants meet:
//   - camelCase and snake_case split ("personalInfo", "personal_info" and
//     "personal info" are the same words), ASCII lower-cased;
//   - contractions expanded ("can't" -> "can not", "wasn't" -> "was not");
//   - every other punctuation is a word break.
// It is cut into clauses at . ; ! ? , brackets and the conjunctions but /
// however / whereas / although / though / while, because a subject and what is
// said of it ("the cover letter ... failed") belong to one clause: "cover letter
// failed, outreach message returned" says nothing failed about the outreach.
//
// Patterns (`Phrases`) are written in that normalised form: lower-case words
// separated by single spaces; a word ending in '*' matches every word it begins
// ("refus*" matches "refuse", "refused", "refusal").
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace rm::harness {

using Phrases = std::initializer_list<std::string_view>;

class Clause {
 public:
  explicit Clause(std::vector<std::string> words) : words_(std::move(words)) {}

  const std::vector<std::string>& words() const { return words_; }
  // Some phrase of `any` occurs.
  bool has(Phrases any) const;
  // Some phrase of `any` occurs with no negator (not, no, never, without, ...)
  // among the two words before it: "failed" but not "has not failed", "no errors".
  bool has_affirmed(Phrases any) const;
  // A phrase of `first`, then one of `then` starting at most `max_gap` words
  // after it ends, with no phrase of `blockers` in between.
  bool before(Phrases first, Phrases then, int max_gap, Phrases blockers = {}) const;

 private:
  std::vector<std::string> words_;
};

class Wording {
 public:
  explicit Wording(std::string_view text);

  const std::vector<Clause>& clauses() const { return clauses_; }
  // Some clause has a phrase of `any`.
  bool has(Phrases any) const;
  // Some clause satisfies `test`.
  template <class Test>
  bool some_clause(Test&& test) const {
    for (const Clause& clause : clauses_) {
      if (test(clause)) return true;
    }
    return false;
  }
  // The clauses joined with " | ", for test messages.
  std::string str() const;

 private:
  std::vector<Clause> clauses_;
};

// The words of `text` with the clause breaks dropped ("workExperience" -> "work experience").
std::vector<std::string> words_of(std::string_view text);

}  // namespace rm::harness
