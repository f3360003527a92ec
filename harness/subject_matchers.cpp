#include "harness/subject_matchers.hpp"

#include <algorithm>

#include "harness/wording.hpp"

namespace rm::harness::subject {
namespace {

// Words that say something went wrong; checked affirmed ("no errors" is not one).
const Phrases kFailure = {"fail*",  "error*",    "exception*", "unsuccessful*",
                          "unable", "could not", "cannot",     "can not",
                          "crash*", "timed out", "timeout*",   "abort*"};
// Words negated by kNot a word or two before them ("not saved", "not be saved").
const Phrases kNot = {"not", "never"};

bool failure(const Clause& c) { return c.has_affirmed(kFailure); }

// Storing something: "saved", "persisted", "cache", "written", "update".
const Phrases kStore = {"sav*", "persist*", "stor*", "writ*", "cach*", "updat*", "kept", "record*"};

bool not_saved(const Clause& c) {
  return failure(c) || c.before(kNot, kStore, 1) || c.has_affirmed({"unsaved", "lost"});
}

}  // namespace

// --- API-001 -----------------------------------------------------------------------

bool says_parse_failed(std::string_view message) {
  return Wording(message).some_clause([](const Clause& c) {
    return failure(c) || c.has_affirmed({"invalid", "unparsed", "unprocessed"}) ||
           c.before(kNot,
                    {"pars*", "process*", "analy*", "read", "extract*", "success*", "structur*",
                     "convert*", "complet*"},
                    1);
  });
}

bool claims_success(std::string_view message) {
  const bool success = Wording(message).some_clause([](const Clause& c) {
    return c.has_affirmed({"success*", "processed", "parsed", "ready", "complet*", "done"});
  });
  return success && !says_parse_failed(message);
}

// --- API-004 -----------------------------------------------------------------------

bool says_keyword_cache_not_saved(std::string_view warning) {
  return Wording(warning).some_clause(
      [](const Clause& c) { return c.has({"keyword*"}) && c.has(kStore) && not_saved(c); });
}

bool says_preview_hash_not_saved(std::string_view warning) {
  return Wording(warning).some_clause(
      [](const Clause& c) { return c.has({"hash*"}) && c.has(kStore) && not_saved(c); });
}

bool says_confirm_will_be_refused(std::string_view warning) {
  return Wording(warning).some_clause([](const Clause& c) {
    if (!c.has({"confirm*"})) return false;
    return c.has_affirmed({"refus*", "reject*", "fail*", "denied", "deny", "blocked", "invalid",
                           "impossible", "unable", "cannot", "can not", "error*", "400"}) ||
           c.has({"not be accepted", "not accepted", "not be possible", "not possible", "not work",
                  "not succeed", "not be able", "not be allowed", "not allowed"});
  });
}

// --- API-006 -----------------------------------------------------------------------

bool says_personal_info_missing_or_ai_generated(std::string_view warning) {
  static const Phrases kSubject = {"personal info*", "personal detail*", "personal data",
                                   "contact*", "personal information"};
  return Wording(warning).some_clause([&](const Clause& c) {
    if (!c.has(kSubject)) return false;
    return c.has_affirmed({"missing", "invalid", "unavailable", "absent", "generat*", "invent*",
                           "fabricat*", "made up", "hallucinat*", "unverified", "not verified",
                           "lost", "incomplete", "not found", "could not", "cannot", "unable",
                           "fail*"}) ||
           c.before({"no", "without"}, {"valid", "personal", "contact*"}, 1) ||
           c.before(kNot, {"preserv*", "kept", "keep", "available", "verified", "retain*"}, 1);
  });
}

// --- API-007 -----------------------------------------------------------------------

bool says_changes_not_calculated(std::string_view warning) {
  return Wording(warning).some_clause([](const Clause& c) {
    const bool diff = c.has({"diff", "diffs", "diffing", "difference*", "change summary"}) ||
                      (c.has({"chang*"}) && c.has({"calculat*", "comput*", "determin*", "detect*",
                                                   "summar*", "track*", "compar*"}));
    if (!diff) return false;
    return failure(c) || c.has_affirmed({"unavailable", "skipped", "missing"}) ||
           c.before(kNot, {"calculat*", "comput*", "determin*", "detect*", "avail*", "shown"}, 1);
  });
}

bool gives_reason_original_data_missing(std::string_view warning) {
  const Wording words(warning);
  // The code in any spelling: original_data_missing, "original data missing".
  if (words.has({"original data missing"})) return true;
  return words.some_clause([](const Clause& c) {
    if (!c.has({"original*", "structured data", "processed data", "parsed data"})) return false;
    return c.has_affirmed({"missing", "unavailable", "not available", "absent", "not found",
                           "not parsed", "not been parsed", "never parsed", "unparsed",
                           "could not be parsed"}) ||
           c.before({"no", "without"}, {"structured", "processed", "parsed", "original*", "data"},
                    2);
  });
}

bool gives_reason_calculation_error(std::string_view warning) {
  const Wording words(warning);
  if (words.has({"calculation error"})) return true;
  return words.some_clause([](const Clause& c) {
    return c.has({"calculat*", "comput*", "diff", "diffing", "compar*"}) &&
           c.has_affirmed({"error*", "exception*", "threw", "throw*", "raised", "crash*", "bug"});
  });
}

// --- API-008 -----------------------------------------------------------------------

bool says_refinement_failed(std::string_view warning) {
  return Wording(warning).some_clause([](const Clause& c) {
    if (!c.has({"refin*", "unrefined", "keyword injection", "refinement pass*"})) return false;
    return failure(c) ||
           c.before(kNot, {"success*", "complet*", "appli*", "succeed*", "refined"}, 1);
  });
}

// --- API-009 -----------------------------------------------------------------------

namespace {
const Phrases kCoverLetter = {"cover letter*", "coverletter*"};
const Phrases kOutreach = {"outreach*", "cold email*", "recruiter message*"};

bool says_generation_failed(const Clause& c) {
  return failure(c) || c.has_affirmed({"unavailable", "missing", "not available"}) ||
         c.before(kNot, {"generat*", "creat*", "produc*", "writ*", "return*", "includ*"}, 1);
}
}  // namespace

bool names_cover_letter(std::string_view warning) { return Wording(warning).has(kCoverLetter); }

bool names_outreach(std::string_view warning) { return Wording(warning).has(kOutreach); }

bool says_cover_letter_failed(std::string_view warning) {
  return Wording(warning).some_clause(
      [](const Clause& c) { return c.has(kCoverLetter) && says_generation_failed(c); });
}

bool says_outreach_failed(std::string_view warning) {
  return Wording(warning).some_clause(
      [](const Clause& c) { return c.has(kOutreach) && says_generation_failed(c); });
}

// --- API-010 -----------------------------------------------------------------------

bool says_preview_missing(std::string_view detail, std::string_view prompt_id) {
  const Wording words(detail);
  const bool missing = words.some_clause([](const Clause& c) {
    return c.before({"no", "without", "missing"}, {"preview*"}, 1) ||
           c.before({"preview*"},
                    {"not found", "missing", "not exist", "does not exist", "required", "absent",
                     "never", "not been", "not run", "not generated", "none"},
                    4) ||
           c.before(kNot, {"preview*"}, 1);
  });
  if (!missing) return false;
  if (words.has({"prompt*"})) return true;
  // The prompt's id itself, as words ("full" in "No preview for 'full'").
  const std::vector<std::string> id = words_of(prompt_id);
  if (id.empty()) return false;
  return words.some_clause([&](const Clause& c) {
    const auto& w = c.words();
    for (std::size_t i = 0; i + id.size() <= w.size(); ++i) {
      if (std::equal(id.begin(), id.end(), w.begin() + static_cast<std::ptrdiff_t>(i))) {
        return true;
      }
    }
    return false;
  });
}

bool says_stale_or_mismatched(std::string_view detail) {
  return Wording(detail).some_clause([](const Clause& c) {
    return c.has_affirmed({"stale", "outdated", "out of date", "superseded", "mismatch*", "changed",
                           "modified", "differ*", "expired", "not match*", "no longer match*",
                           "not correspond*", "not the latest", "not the same", "not current",
                           "newer preview", "older preview", "previous preview"});
  });
}

bool says_invalid_format(std::string_view detail) {
  return Wording(detail).some_clause([](const Clause& c) {
    if (c.has_affirmed({"legacy"})) return true;
    return c.has({"format*", "layout", "structur*", "shape", "schema"}) &&
           (c.has_affirmed({"invalid", "unsupported", "malformed", "unexpected", "unrecogni*",
                            "corrupt*", "wrong", "bad", "old", "obsolete", "deprecated",
                            "incompatible"}) ||
            c.has({"not supported"}));
  });
}

// --- API-011 -----------------------------------------------------------------------

bool says_resume_gone(std::string_view detail) {
  static const Phrases kResume = {"resume*", "record", "document"};
  // Another subject between the resume and "not found" makes it that subject's:
  // "the resume's job description was not found".
  static const Phrases kOther = {"job*",      "description", "improvement*", "preview*", "prompt*",
                                 "template*", "hash*",       "letter",       "message*", "file"};
  static const Phrases kGone = {"no longer exist*",
                                "no longer available",
                                "no longer present",
                                "not found",
                                "not be found",
                                "not exist",
                                "deleted",
                                "removed",
                                "gone",
                                "disappear*",
                                "vanish*",
                                "missing"};
  return Wording(detail).some_clause([](const Clause& c) {
    // has_affirmed: "was not deleted" is no statement that it was.
    return (c.before(kResume, kGone, 8, kOther) && c.has_affirmed(kGone)) ||
           c.before({"no", "no such", "could not find", "cannot find", "unable to find"}, kResume,
                    1);
  });
}

// --- API-012 -----------------------------------------------------------------------

bool says_not_tailored(std::string_view detail) {
  return Wording(detail).some_clause([](const Clause& c) {
    return c.has({"not a tailored", "not tailored", "untailored", "non tailored", "is a master",
                  "is the master", "is master", "this master resume", "for a master",
                  "for the master", "for master", "on a master", "on the master",
                  "master resumes can not", "master resume can not", "master resumes cannot",
                  "master resume cannot", "has no parent", "not derived"}) ||
           c.before({"only"}, {"tailored"}, 6);
  });
}

bool says_job_context_missing(std::string_view detail) {
  static const Phrases kRecord = {"job context",    "improvement record*", "improvement*",
                                  "associated job", "tailoring record*",   "job record*",
                                  "job link*",      "job association"};
  const Wording words(detail);
  const bool missing = words.some_clause([&](const Clause& c) {
    if (!c.has(kRecord)) return false;
    return c.has_affirmed({"not found", "not be found", "missing", "deleted", "removed", "lost",
                           "no longer", "not exist", "does not exist", "absent", "unavailable",
                           "not available"}) ||
           c.before({"no"}, kRecord, 1);
  });
  if (!missing || says_not_tailored(detail)) return false;
  const bool blames_age =
      words.has({"created before", "made before", "before job tracking", "job tracking was",
                 "was implemented", "older version", "old resume", "old version", "legacy",
                 "predat*", "pre dat*", "older than", "too old", "earlier version"});
  const bool says_deleted = words.some_clause([](const Clause& c) {
    return c.has_affirmed({"deleted", "removed", "lost"});
  });
  return !blames_age || says_deleted;
}

// --- API-013 -----------------------------------------------------------------------

bool names_field(std::string_view detail, std::string_view field) {
  const std::vector<std::string> name = words_of(field);
  if (name.empty()) return false;
  std::string joined;
  for (const std::string& part : name) joined += part;
  return Wording(detail).some_clause([&](const Clause& c) {
    const auto& w = c.words();
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i] == joined) return true;  // "workexperience"
      if (i + name.size() <= w.size() &&
          std::equal(name.begin(), name.end(), w.begin() + static_cast<std::ptrdiff_t>(i))) {
        return true;
      }
    }
    return false;
  });
}

}  // namespace rm::harness::subject
