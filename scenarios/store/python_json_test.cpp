// to_python_json against what Python's json module prints (expected strings
// taken from CPython 3.11's json.dumps).
#include <gtest/gtest.h>

#include <stdexcept>

#include "mocks/store/python_json.hpp"

namespace rm {
namespace {

TEST(PythonJson, MatchesJsonDumpsDefaults) {
  OrderedJson layout = OrderedJson::parse(R"({"b": 0, "a": 0, "c": 0, "d": 0})");
  Json value = {{"b", {1, 2.5, nullptr, true, false, -3, 1e-05, 1e16, 0.1}},
                {"a", "\u00e9\n\"\\\x01\x7f\U0001F680/\t\b\f\r"},
                {"c", Json::object()},
                {"d", Json::array()}};
  EXPECT_EQ(to_python_json(value, &layout),
            R"({"b": [1, 2.5, null, true, false, -3, 1e-05, 1e+16, 0.1], )"
            R"("a": "\u00e9\n\"\\\u0001\u007f\ud83d\ude80/\t\b\f\r", "c": {}, "d": []})");
}

TEST(PythonJson, MatchesJsonDumpsWithIndent) {
  OrderedJson layout = OrderedJson::parse(R"({"b": [0, {"x": 0}], "a": 0, "c": 0})");
  Json value = {{"b", {1, {{"x", Json::array()}}}}, {"a", Json::object()}, {"c", "z"}};
  EXPECT_EQ(to_python_json(value, &layout, 2),
            "{\n  \"b\": [\n    1,\n    {\n      \"x\": []\n    }\n  ],\n  \"a\": {},\n"
            "  \"c\": \"z\"\n}");
}

TEST(PythonJson, KeysOutsideTheLayoutFollowItAscendingWithIdsByValue) {
  OrderedJson layout = OrderedJson::parse(R"({"z": 0, "gone": 0, "m": 0})");
  Json value = {{"m", 1}, {"z", 2}, {"10", 3}, {"2", 4}, {"b", 5}, {"a", 6}};
  EXPECT_EQ(to_python_json(value, &layout), R"({"z": 2, "m": 1, "2": 4, "10": 3, "a": 6, "b": 5})");
  EXPECT_EQ(to_python_json(Json{{"10", 1}, {"9", 2}, {"1", 3}}), R"({"1": 3, "9": 2, "10": 1})");
}

TEST(PythonJson, LayoutAppliesAtEveryDepthAndToArrayElements) {
  OrderedJson layout =
      OrderedJson::parse(R"({"t": {"1": {"y": 0, "x": 0}}, "l": [{"q": 0, "p": 0}]})");
  Json value = {{"t", {{"1", {{"x", 1}, {"y", 2}}}, {"2", {{"x", 3}, {"y", 4}}}}},
                {"l", {{{"p", 1}, {"q", 2}}, {{"p", 3}, {"q", 4}}}}};
  EXPECT_EQ(to_python_json(value, &layout),
            R"({"t": {"1": {"y": 2, "x": 1}, "2": {"x": 3, "y": 4}}, )"
            R"("l": [{"q": 2, "p": 1}, {"p": 3, "q": 4}]})");
}

TEST(PythonJson, RoundTripsWhatItParsed) {
  const std::string python =
      R"({"resumes": {"2": {"b": "\u2014", "a": [1.5, {"k": null}]}, "10": {}}, "jobs": {}})";
  OrderedJson layout = OrderedJson::parse(python);
  EXPECT_EQ(to_python_json(Json(layout), &layout), python);
}

TEST(PythonJson, RejectsInvalidUtf8) {
  for (const std::string bad : {"\xff", "a\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    EXPECT_THROW(to_python_json(Json(bad)), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace rm
