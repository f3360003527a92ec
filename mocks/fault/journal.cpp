#include "mocks/fault/journal.hpp"

namespace rm {

Json JournalEntry::to_json() const {
  Json out{{"component", std::string(component_name(component))},
           {"operation", operation},
           {"call", call},
           {"t_ms", t_ms}};
  if (event.empty()) {
    out["rule"] = rule;
    out["action"] = std::string(action_name(action));
  } else {
    out["event"] = event;
  }
  if (!gate.empty()) out["gate"] = gate;
  if (delay_ms) out["delay_ms"] = *delay_ms;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      if (!out.contains(key)) out[key] = value;
    }
  }
  return out;
}

void Journal::record(JournalEntry entry) {
  std::lock_guard lock(mutex_);
  entries_.push_back(std::move(entry));
}

std::vector<JournalEntry> Journal::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void Journal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

Json Journal::to_json() const {
  Json out = Json::array();
  for (const auto& entry : entries()) out.push_back(entry.to_json());
  return out;
}

}  // namespace rm
