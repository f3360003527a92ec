// harness/wording: the normalisation and phrase matching the subject matchers
// are built on.
#include "harness/wording.hpp"

#include <gtest/gtest.h>

namespace rm::harness {
namespace {

TEST(Wording, SplitsCaseSeparatorsAndExpandsContractions) {
  EXPECT_EQ(Wording("personalInfo / personal_info, Personal-Info").str(),
            "personal info personal info | personal info");
  EXPECT_EQ(Wording("It can't and won't; it wasn't").str(), "it can not and will not | it was not");
  EXPECT_EQ(Wording("JSONDecodeError in preview_hashes").str(),
            "json decode error in preview hashes");
  EXPECT_EQ(Wording("The resume\xE2\x80\x99s data couldn\xE2\x80\x99t").str(),
            "the resume data could not");
}

TEST(Wording, ClausesBreakAtPunctuationBracketsAndConjunctions) {
  EXPECT_EQ(Wording("File resume.pdf stored. Parse failed (timeout); retry, but later").str(),
            "file resume pdf stored | parse failed | timeout | retry | later");
  EXPECT_EQ(Wording("deleted while in progress").str(), "deleted | in progress");
  EXPECT_EQ(Wording("'nudge' prompt").str(), "nudge prompt");
  EXPECT_TRUE(Wording("").clauses().empty());
}

TEST(Wording, PhrasesMatchWholeWordsAndPrefixes) {
  const Wording words("The confirm will be refused");
  EXPECT_TRUE(words.has({"refus*"}));
  EXPECT_TRUE(words.has({"will be refused"}));
  EXPECT_FALSE(words.has({"refuse"}));  // a whole word, not a prefix
  EXPECT_FALSE(words.has({"be refused now"}));
  EXPECT_FALSE(Wording("unsuccessful").has({"success*"}));
}

TEST(Wording, AffirmedIgnoresNegatedOccurrences) {
  const auto affirmed = [](const char* text) {
    return Wording(text).some_clause([](const Clause& clause) {
      return clause.has_affirmed({"fail*", "error*"});
    });
  };
  EXPECT_TRUE(affirmed("refinement failed"));
  EXPECT_TRUE(affirmed("no data, so it failed"));  // the comma ends the negator's clause
  EXPECT_FALSE(affirmed("it did not fail"));
  EXPECT_FALSE(affirmed("completed without errors"));
  EXPECT_FALSE(affirmed("no error at all"));
}

TEST(Wording, BeforeHonoursGapAndBlockers) {
  const Clause clause = Wording("resume 12 34 no longer exists").clauses().front();
  EXPECT_TRUE(clause.before({"resume*"}, {"no longer exist*"}, 2));
  EXPECT_FALSE(clause.before({"resume*"}, {"no longer exist*"}, 1));
  EXPECT_FALSE(clause.before({"no longer exist*"}, {"resume*"}, 8));  // order matters
  const Clause other = Wording("the resume job description was not found").clauses().front();
  EXPECT_TRUE(other.before({"resume*"}, {"not found"}, 8));
  EXPECT_FALSE(other.before({"resume*"}, {"not found"}, 8, {"job*"}));
}

TEST(Wording, WordsOfDropsClauseBreaks) {
  EXPECT_EQ(words_of("sectionMeta[0].sectionType"),
            (std::vector<std::string>{"section", "meta", "0", "section", "type"}));
}

}  // namespace
}  // namespace rm::harness
