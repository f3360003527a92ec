#include "reference/domain/resume_diff.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"

namespace rm {
namespace {

using Strings = std::vector<std::string>;

std::string strip(const std::string& s) {
  constexpr const char* kSpace = " \t\n\r\v\f";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(kSpace);
  return s.substr(first, last - first + 1);
}

// Stripped, non-empty entries of a list of strings (validated data has no other kind).
Strings clean_list(const Json& list) {
  Strings out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    if (!item.is_string()) continue;
    std::string s = strip(item.get<std::string>());
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

class Changes {
 public:
  void add(std::string path, const char* field_type, const char* change_type,
           std::optional<std::string> original, std::optional<std::string> updated,
           const char* confidence) {
    Json change;
    change["field_path"] = std::move(path);
    change["field_type"] = field_type;
    change["change_type"] = change_type;
    change["original_value"] = original ? Json(*original) : Json(nullptr);
    change["new_value"] = updated ? Json(*updated) : Json(nullptr);
    change["confidence"] = confidence;
    list_.push_back(std::move(change));
  }

  const Json& list() const { return list_; }

 private:
  Json list_ = Json::array();
};

// Order-insensitive, case-insensitive comparison of two string lists; the
// first spelling of each entry is the one reported.
void diff_string_sets(Changes& changes, const char* path, const char* field_type,
                      const Json& original, const Json& improved, const char* added_confidence) {
  auto index = [](const Strings& items) {
    std::vector<std::pair<std::string, std::string>> ordered;  // (folded, first spelling)
    std::map<std::string, bool> seen;
    for (const std::string& item : items) {
      std::string key = casefold(item);
      if (seen.emplace(key, true).second) ordered.emplace_back(std::move(key), item);
    }
    return std::pair{ordered, seen};
  };
  const auto [orig_items, orig_keys] = index(clean_list(original));
  const auto [new_items, new_keys] = index(clean_list(improved));
  for (const auto& [key, value] : new_items) {
    if (!orig_keys.contains(key)) {
      changes.add(path, field_type, "added", std::nullopt, value, added_confidence);
    }
  }
  for (const auto& [key, value] : orig_items) {
    if (!new_keys.contains(key)) {
      changes.add(path, field_type, "removed", value, std::nullopt, "medium");
    }
  }
}

// Matching blocks of two sequences by the longest-common-block recursion
// (the algorithm of difflib.SequenceMatcher without junk heuristics), then the
// edit operations between them.
struct Block {
  std::size_t a, b, size;
};

class SequenceDiff {
 public:
  SequenceDiff(const Strings& a, const Strings& b) : a_(a), b_(b) {
    for (std::size_t j = 0; j < b_.size(); ++j) positions_[b_[j]].push_back(j);
  }

  struct Opcode {
    char tag;  // 'r'eplace, 'd'elete, 'i'nsert, 'e'qual
    std::size_t i1, i2, j1, j2;
  };

  std::vector<Opcode> opcodes() const {
    std::vector<Opcode> ops;
    std::size_t i = 0, j = 0;
    for (const Block& m : matching_blocks()) {
      char tag = 0;
      if (i < m.a && j < m.b) {
        tag = 'r';
      } else if (i < m.a) {
        tag = 'd';
      } else if (j < m.b) {
        tag = 'i';
      }
      if (tag != 0) ops.push_back({tag, i, m.a, j, m.b});
      i = m.a + m.size;
      j = m.b + m.size;
      if (m.size > 0) ops.push_back({'e', m.a, i, m.b, j});
    }
    return ops;
  }

 private:
  Block longest_match(std::size_t alo, std::size_t ahi, std::size_t blo, std::size_t bhi) const {
    Block best{alo, blo, 0};
    std::map<std::size_t, std::size_t> run;  // j -> length of the match ending at (i-1, j)
    for (std::size_t i = alo; i < ahi; ++i) {
      std::map<std::size_t, std::size_t> next;
      auto it = positions_.find(a_[i]);
      if (it != positions_.end()) {
        for (std::size_t j : it->second) {
          if (j < blo) continue;
          if (j >= bhi) break;
          std::size_t k = 1;
          if (j > 0) {
            auto prev = run.find(j - 1);
            if (prev != run.end()) k = prev->second + 1;
          }
          next[j] = k;
          if (k > best.size) best = {i + 1 - k, j + 1 - k, k};
        }
      }
      run = std::move(next);
    }
    return best;
  }

  std::vector<Block> matching_blocks() const {
    std::vector<Block> blocks;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> queue{
        {0, a_.size(), 0, b_.size()}};
    while (!queue.empty()) {
      const auto [alo, ahi, blo, bhi] = queue.back();
      queue.pop_back();
      const Block m = longest_match(alo, ahi, blo, bhi);
      if (m.size == 0) continue;
      blocks.push_back(m);
      if (alo < m.a && blo < m.b) queue.emplace_back(alo, m.a, blo, m.b);
      if (m.a + m.size < ahi && m.b + m.size < bhi) {
        queue.emplace_back(m.a + m.size, ahi, m.b + m.size, bhi);
      }
    }
    std::sort(blocks.begin(), blocks.end(), [](const Block& x, const Block& y) {
      return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    std::vector<Block> merged;  // adjacent blocks collapse into one
    for (const Block& m : blocks) {
      if (!merged.empty() && merged.back().a + merged.back().size == m.a &&
          merged.back().b + merged.back().size == m.b) {
        merged.back().size += m.size;
      } else {
        merged.push_back(m);
      }
    }
    merged.push_back({a_.size(), b_.size(), 0});
    return merged;
  }

  const Strings& a_;
  const Strings& b_;
  std::map<std::string, std::vector<std::size_t>> positions_;
};

// Bullet-level changes of one description list: removals are low confidence
// (dropping content is safe), additions and rewrites medium.
void diff_description(Changes& changes, const std::string& path, const Strings& original,
                      const Strings& improved) {
  for (const auto& op : SequenceDiff(original, improved).opcodes()) {
    if (op.tag == 'e') continue;
    const std::size_t len = std::max(op.i2 - op.i1, op.j2 - op.j1);
    for (std::size_t k = 0; k < len; ++k) {
      const bool has_old = op.i1 + k < op.i2;
      const bool has_new = op.j1 + k < op.j2;
      if (has_old && has_new) {
        changes.add(path, "description", "modified", original[op.i1 + k], improved[op.j1 + k],
                    "medium");
      } else if (has_new) {
        changes.add(path, "description", "added", std::nullopt, improved[op.j1 + k], "medium");
      } else {
        changes.add(path, "description", "removed", original[op.i1 + k], std::nullopt, "low");
      }
    }
  }
}

std::string label(const Json& entry, std::initializer_list<const char*> keys,
                  const std::string& fallback) {
  std::string out;
  for (const char* key : keys) {
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
      continue;
    if (!out.empty()) out += " | ";
    out += it->get<std::string>();
  }
  return out.empty() ? fallback : out;
}

// Entry-level changes of a list section: a changed, added or removed entry.
// A new entry is high risk (content the original did not have).
void diff_entries(Changes& changes, const char* key, const char* field_type, const Json& original,
                  const Json& improved, std::initializer_list<const char*> label_keys,
                  const char* fallback, const char* ignored_key) {
  auto without_ignored = [ignored_key](Json entry) {
    if (ignored_key != nullptr) entry.erase(ignored_key);
    return entry;
  };
  auto name = [&](const Json& entry, std::size_t idx) {
    return label(entry, label_keys, std::string(fallback) + " #" + std::to_string(idx + 1));
  };
  auto path = [key](std::size_t idx) { return std::string(key) + "[" + std::to_string(idx) + "]"; };
  const std::size_t common = std::min(original.size(), improved.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (without_ignored(original[i]) != without_ignored(improved[i])) {
      changes.add(path(i), field_type, "modified", name(original[i], i), name(improved[i], i),
                  "medium");
    }
  }
  for (std::size_t i = common; i < improved.size(); ++i) {
    changes.add(path(i), field_type, "added", std::nullopt, name(improved[i], i), "high");
  }
  for (std::size_t i = common; i < original.size(); ++i) {
    changes.add(path(i), field_type, "removed", name(original[i], i), std::nullopt, "medium");
  }
}

Json checked(const Json& data, const char* which) {
  ResumeDataCheck check = validate_resume_data(data);
  if (!check.ok()) {
    throw std::invalid_argument(std::string(which) + " is not ResumeData: " + *check.error);
  }
  return std::move(check.data);
}

std::size_t count(const Json& changes, const char* field_type, const char* change_type) {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [&](const Json& c) {
    return (field_type == nullptr || c["field_type"] == field_type) &&
           (change_type == nullptr || c["change_type"] == change_type);
  }));
}

}  // namespace

ResumeDiff calculate_resume_diff(const Json& original_input, const Json& improved_input) {
  const Json original = checked(original_input, "original");
  const Json improved = checked(improved_input, "improved");
  Changes changes;

  const std::string old_summary = strip(original["summary"].get<std::string>());
  const std::string new_summary = strip(improved["summary"].get<std::string>());
  if (old_summary != new_summary) {
    const char* type = old_summary.empty() ? "added" : new_summary.empty() ? "removed" : "modified";
    changes.add("summary", "summary", type,
                old_summary.empty() ? std::nullopt : std::optional(old_summary),
                new_summary.empty() ? std::nullopt : std::optional(new_summary), "medium");
  }

  // A skill or certification the original never listed is the riskiest change.
  diff_string_sets(changes, "additional.technicalSkills", "skill",
                   original["additional"]["technicalSkills"],
                   improved["additional"]["technicalSkills"], "high");

  const Json& old_jobs = original["workExperience"];
  const Json& new_jobs = improved["workExperience"];
  for (std::size_t i = 0; i < std::max(old_jobs.size(), new_jobs.size()); ++i) {
    const Strings before = i < old_jobs.size() ? clean_list(old_jobs[i]["description"]) : Strings{};
    const Strings after = i < new_jobs.size() ? clean_list(new_jobs[i]["description"]) : Strings{};
    diff_description(changes, "workExperience[" + std::to_string(i) + "].description", before,
                     after);
  }

  diff_string_sets(changes, "additional.certificationsTraining", "certification",
                   original["additional"]["certificationsTraining"],
                   improved["additional"]["certificationsTraining"], "high");

  // Descriptions were diffed bullet by bullet above.
  diff_entries(changes, "workExperience", "experience", old_jobs, new_jobs,
               {"title", "company", "years"}, "Work experience", "description");
  diff_entries(changes, "education", "education", original["education"], improved["education"],
               {"degree", "institution", "years"}, "Education", nullptr);
  diff_entries(changes, "personalProjects", "project", original["personalProjects"],
               improved["personalProjects"], {"name", "role", "years"}, "Project", nullptr);

  const Json& list = changes.list();
  ResumeDiff diff;
  diff.summary = {
      {"total_changes", list.size()},
      {"skills_added", count(list, "skill", "added")},
      {"skills_removed", count(list, "skill", "removed")},
      {"descriptions_modified", count(list, "description", "modified")},
      {"certifications_added", count(list, "certification", "added")},
      {"high_risk_changes", std::count_if(list.begin(), list.end(),
                                          [](const Json& c) { return c["confidence"] == "high"; })},
  };
  diff.detailed_changes = list;
  return diff;
}

}  // namespace rm
