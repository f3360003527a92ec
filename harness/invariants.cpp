#include "harness/invariants.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "harness/check.hpp"

namespace rm::harness {
namespace {

// The records of one table, in TinyDB's numeric id order.
std::vector<const Json*> records(const Json& tables, const char* table) {
  std::vector<std::pair<long long, const Json*>> keyed;
  auto it = tables.find(table);
  if (it == tables.end() || !it->is_object()) return {};
  for (const auto& [key, record] : it->items()) {
    long long number = 0;
    try {
      number = std::stoll(key);
    } catch (const std::exception&) {
      number = -1;  // not TinyDB's own key; keep it, first
    }
    keyed.emplace_back(number, &record);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Json*> result;
  for (const auto& entry : keyed) {
    if (entry.second->is_object()) result.push_back(entry.second);
  }
  return result;
}

std::string text_field(const Json& record, const char* field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool is_master(const Json& record) {
  auto it = record.find("is_master");
  return it != record.end() && it->is_boolean() && it->get<bool>();
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::set<std::string> ids_of(const Json& tables, const char* table, const char* field) {
  std::set<std::string> ids;
  for (const Json* record : records(tables, table)) {
    const std::string id = text_field(*record, field);
    if (!id.empty()) ids.insert(id);
  }
  return ids;
}

// "/api/v1/resumes/abc/generate-outreach" -> {"api","v1","resumes","abc","generate-outreach"}.
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> result;
  std::size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    result.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return result;
}

// "/api/v1/resumes/{id}[/{action}]": the id and the action ("" when none).
// upload, improve and list are endpoints, not ids.
struct ResumePath {
  std::string id;
  std::string action;
};

std::optional<ResumePath> resume_path(const std::string& path) {
  const std::vector<std::string> s = segments(path);
  if (s.size() < 4 || s.size() > 5 || s[0] != "api" || s[1] != "v1" || s[2] != "resumes") {
    return std::nullopt;
  }
  const std::string& id = s[3];
  if (id.empty() || id == "upload" || id == "improve" || id == "list") return std::nullopt;
  return ResumePath{id, s.size() == 5 ? s[4] : std::string{}};
}

// Whether a 200 to `method` on a resume's `action` claims that the resume was changed.
bool changes_resume(const std::string& method, const std::string& action) {
  static const std::set<std::pair<std::string, std::string>> kChanging = {
      {"PATCH", ""},
      {"PATCH", "cover-letter"},
      {"PATCH", "outreach-message"},
      {"POST", "generate-cover-letter"},
      {"POST", "generate-outreach"},
      {"POST", "master"},
  };
  return kChanging.count({method, action}) != 0;
}

}  // namespace

std::vector<std::string> store_invariant_violations(const Json& tables) {
  std::vector<std::string> violations;
  if (!tables.is_object()) {
    violations.push_back("stored tables: not a JSON object in TinyDB layout");
    return violations;
  }
  const std::vector<const Json*> resumes = records(tables, "resumes");
  const std::vector<const Json*> improvements = records(tables, "improvements");

  std::vector<std::string> masters;
  for (const Json* resume : resumes) {
    if (is_master(*resume)) masters.push_back(text_field(*resume, "resume_id"));
  }
  if (masters.size() > 1) {
    violations.push_back("at most one master: resumes " + join(masters) +
                         " all have is_master: true");
  }

  const std::set<std::string> tailored_with_record =
      ids_of(tables, "improvements", "tailored_resume_id");
  for (const Json* resume : resumes) {
    const std::string parent = text_field(*resume, "parent_id");
    const std::string id = text_field(*resume, "resume_id");
    if (!parent.empty() && tailored_with_record.count(id) == 0) {
      violations.push_back("every tailored resume has an improvement record: resume " + id +
                           " (parent_id " + parent + ") has none");
    }
  }

  const std::set<std::string> resume_ids = ids_of(tables, "resumes", "resume_id");
  const std::set<std::string> job_ids = ids_of(tables, "jobs", "job_id");
  for (const Json* improvement : improvements) {
    const std::string request_id = text_field(*improvement, "request_id");
    const std::string tailored = text_field(*improvement, "tailored_resume_id");
    const std::string job = text_field(*improvement, "job_id");
    if (resume_ids.count(tailored) == 0) {
      violations.push_back("every improvement record points at a resume that exists: record " +
                           request_id + " names tailored resume '" + tailored +
                           "', which does not exist");
    }
    if (job_ids.count(job) == 0) {
      violations.push_back("every improvement record points at a job that exists: record " +
                           request_id + " names job '" + job + "', which does not exist");
    }
  }

  for (const Json* resume : resumes) {
    if (text_field(*resume, "processing_status") == "processing") {
      violations.push_back("no resume left in processing: resume " +
                           text_field(*resume, "resume_id") +
                           " is still \"processing\" after every request answered");
    }
  }
  return violations;
}

std::string tables_digest(const Json& tables) {
  constexpr std::size_t kShown = 20;
  const auto list = [&](const char* table, auto&& describe_one) {
    const std::vector<const Json*> rows = records(tables, table);
    std::string text = std::string(table) + ": [";
    for (std::size_t i = 0; i < rows.size() && i < kShown; ++i) {
      text += (i == 0 ? "" : ", ") + describe_one(*rows[i]);
    }
    if (rows.size() > kShown) text += ", ... " + std::to_string(rows.size() - kShown) + " more";
    return text + "]";
  };
  if (!tables.is_object()) return "tables: " + tables.dump().substr(0, 200);
  const std::string resumes = list("resumes", [](const Json& r) {
    std::string text = text_field(r, "resume_id");
    if (is_master(r)) text += " master";
    const std::string parent = text_field(r, "parent_id");
    if (!parent.empty()) text += " parent=" + parent;
    const std::string status = text_field(r, "processing_status");
    text += " " + (status.empty() ? std::string("(no status)") : status);
    return text;
  });
  const std::string jobs = list("jobs", [](const Json& j) { return text_field(j, "job_id"); });
  const std::string improvements = list("improvements", [](const Json& i) {
    return text_field(i, "tailored_resume_id") + "<-" + text_field(i, "job_id");
  });
  return resumes + "; " + jobs + "; " + improvements;
}

std::uint64_t IdTracker::tick() {
  std::lock_guard lock(mutex_);
  return ++clock_;
}

void IdTracker::observe(const ApiRequest& request, const ApiResponse& response, std::uint64_t sent,
                        std::uint64_t answered) {
  if (response.status != 200) return;
  // Described once, when the first id needs it (a jobs upload returns many).
  std::optional<std::string> described;
  const auto evidence = [&]() -> const std::string& {
    if (!described) described = describe(Exchange{request, response}, 300);
    return *described;
  };
  if (const auto target = resume_path(request.path)) {
    if (request.method == "DELETE" && target->action.empty()) {
      deleted(target->id, sent, answered);
    } else if (changes_resume(request.method, target->action)) {
      returned(Kind::kResume, target->id, answered, evidence());
    }
    return;
  }
  if (request.method != "POST") return;
  const std::vector<std::string> s = segments(request.path);
  const bool upload = s == std::vector<std::string>{"api", "v1", "resumes", "upload"};
  const bool jobs = s == std::vector<std::string>{"api", "v1", "jobs", "upload"};
  const bool improve = s.size() >= 4 && s[0] == "api" && s[1] == "v1" && s[2] == "resumes" &&
                       s[3] == "improve" && (s.size() == 4 || (s.size() == 5 && s[4] == "confirm"));
  if (!upload && !jobs && !improve) return;
  const Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object()) return;
  if (upload) {
    auto it = body.find("resume_id");
    if (it != body.end() && it->is_string()) {
      returned(Kind::kResume, it->get<std::string>(), answered, evidence());
    }
  } else if (jobs) {
    auto it = body.find("job_id");
    if (it == body.end()) return;
    const Json ids = it->is_array() ? *it : Json::array({*it});
    for (const Json& id : ids) {
      if (id.is_string()) returned(Kind::kJob, id.get<std::string>(), answered, evidence());
    }
  } else {
    auto data = body.find("data");
    if (data == body.end() || !data->is_object()) return;
    auto it = data->find("resume_id");
    if (it != data->end() && it->is_string()) {
      returned(Kind::kResume, it->get<std::string>(), answered, evidence());
    }
  }
}

void IdTracker::returned(Kind kind, const std::string& id, std::uint64_t answered,
                         const std::string& evidence) {
  std::lock_guard lock(mutex_);
  returned_.push_back(Returned{kind, id, answered, evidence});
}

void IdTracker::deleted(const std::string& resume_id, std::uint64_t sent, std::uint64_t answered) {
  std::lock_guard lock(mutex_);
  deleted_.emplace(resume_id, Deleted{sent, answered});
}

std::vector<std::string> IdTracker::violations(const Exists& exists) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> result;
  std::set<std::pair<Kind, std::string>> reported;
  for (const Returned& r : returned_) {
    if (reported.count({r.kind, r.id}) != 0) continue;
    // A delete still running when the 200 came back may have removed the record
    // after that response was written: benefit of the doubt, it counts as later.
    bool deleted_later = false;
    if (r.kind == Kind::kResume) {
      const auto [first, last] = deleted_.equal_range(r.id);
      for (auto it = first; it != last; ++it) {
        if (it->second.answered > r.answered) deleted_later = true;
      }
    }
    if (deleted_later || exists(r.kind, r.id)) continue;
    reported.insert({r.kind, r.id});
    const char* noun = r.kind == Kind::kResume ? "resume" : "job";
    result.push_back(std::string("every id a 200 response returned exists or was deleted later: ") +
                     noun + " " + r.id + " does not exist, and no later request deleted it (" +
                     r.evidence + ")");
  }
  return result;
}

std::vector<std::string> IdTracker::violations(const Json& tables) const {
  const std::set<std::string> resumes = ids_of(tables, "resumes", "resume_id");
  const std::set<std::string> jobs = ids_of(tables, "jobs", "job_id");
  return violations([&](Kind kind, const std::string& id) {
    return kind == Kind::kResume ? resumes.count(id) != 0 : jobs.count(id) != 0;
  });
}

bool IdTracker::empty() const {
  std::lock_guard lock(mutex_);
  return returned_.empty() && deleted_.empty();
}

std::size_t IdTracker::fact_count() const {
  std::lock_guard lock(mutex_);
  return returned_.size() + deleted_.size();
}

void IdTracker::clear() {
  std::lock_guard lock(mutex_);
  returned_.clear();
  deleted_.clear();
}

}  // namespace rm::harness
