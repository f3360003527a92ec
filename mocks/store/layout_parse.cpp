#include "mocks/store/layout_parse.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace rm {
namespace {

// nlohmann's SAX interface, building the value and its layout side by side.
class LayoutBuilder {
 public:
  LayoutBuilder(Json& value, OrderedJson& layout) : next_value_(&value), next_layout_(&layout) {}

  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(Json::number_integer_t value) { return put(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return put(value); }
  bool number_float(Json::number_float_t value, const std::string& /*text*/) { return put(value); }
  bool string(std::string& value) { return put(std::move(value)); }
  bool binary(Json::binary_t& value) { return put(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*elements*/) {
    return open(Json::object(), OrderedJson::object());
  }
  bool start_array(std::size_t /*elements*/) { return open(Json::array(), OrderedJson::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name) {
    Frame& top = open_.back();
    auto& object = top.value->get_ref<Json::object_t&>();
    auto& layout = top.layout->get_ref<OrderedJson::object_t&>();
    auto [slot, inserted] = object.try_emplace(name, nullptr);
    if (inserted) {
      // Appended without ordered_map's linear search: the key is known to be new.
      layout.emplace_back(std::move(name), nullptr);
      next_layout_ = &layout.back().second;
    } else {
      slot->second = nullptr;
      next_layout_ = &layout.find(name)->second;
      *next_layout_ = nullptr;
    }
    next_value_ = &slot->second;
    return true;
  }

  // Rethrown as the concrete type nlohmann passes (parse_error, out_of_range).
  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& ex) {
    throw ex;
  }

 private:
  struct Frame {
    Json* value;
    OrderedJson* layout;
  };

  // Where the next value goes: the slot a key() prepared, the end of the open
  // array, or the root.
  std::pair<Json*, OrderedJson*> target() {
    if (!open_.empty() && open_.back().value->is_array()) {
      Frame& top = open_.back();
      top.value->push_back(nullptr);
      top.layout->push_back(nullptr);
      return {&top.value->back(), &top.layout->back()};
    }
    return {next_value_, next_layout_};
  }

  template <typename Value>
  bool put(Value&& value) {
    auto [slot, layout] = target();
    *slot = std::forward<Value>(value);
    *layout = nullptr;
    return true;
  }

  bool open(Json empty, OrderedJson empty_layout) {
    auto [slot, layout] = target();
    *slot = std::move(empty);
    *layout = std::move(empty_layout);
    open_.push_back({slot, layout});
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  std::vector<Frame> open_;
  Json* next_value_;
  OrderedJson* next_layout_;
};

}  // namespace

Json parse_keeping_layout(std::string_view text, OrderedJson& layout) {
  Json value;
  OrderedJson shape;
  LayoutBuilder builder(value, shape);
  Json::sax_parse(text, &builder);
  layout = std::move(shape);
  return value;
}

}  // namespace rm
