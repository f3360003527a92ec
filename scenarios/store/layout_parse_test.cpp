// parse_keeping_layout: one pass gives the value Json::parse gives and the key
// order OrderedJson::parse keeps, so that a file rewritten through to_python_json
// keeps its order.
#include "mocks/store/layout_parse.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rm {
namespace {

TEST(LayoutParse, ValueAndLayoutMatchTheTwoParsers) {
  const std::string text =
      R"({"z": {"2": {"b": 1, "a": [{"y": null, "x": "s"}, 3.5, [true]]}, "10": {}}, "a": []})";
  OrderedJson layout;
  const Json value = parse_keeping_layout(text, layout);
  EXPECT_EQ(value, Json::parse(text));
  OrderedJson expected = OrderedJson::parse(
      R"({"z": {"2": {"b": null, "a": [{"y": null, "x": null}, null, [null]]}, "10": {}}, "a": []})");
  EXPECT_EQ(layout, expected);
  EXPECT_EQ(layout.dump(), expected.dump());  // same key order, not only equal
  EXPECT_EQ(to_python_json(value, &layout), text);
}

TEST(LayoutParse, DuplicateKeyKeepsItsFirstPlaceAndLastValue) {
  OrderedJson layout;
  const Json value = parse_keeping_layout(R"({"b": {"x": 1}, "a": 2, "b": 3})", layout);
  EXPECT_EQ(value, Json::parse(R"({"a": 2, "b": 3})"));
  EXPECT_EQ(layout.dump(), R"({"b":null,"a":null})");
  EXPECT_EQ(to_python_json(value, &layout), R"({"b": 3, "a": 2})");
}

TEST(LayoutParse, ScalarsAtTheRootAndErrorsAsJsonParse) {
  OrderedJson layout;
  EXPECT_EQ(parse_keeping_layout("17", layout), Json(17));
  EXPECT_TRUE(layout.is_null());
  EXPECT_THROW(parse_keeping_layout(R"({"a": )", layout), Json::parse_error);
  EXPECT_THROW(parse_keeping_layout("[1e309]", layout), Json::out_of_range);
}

}  // namespace
}  // namespace rm
