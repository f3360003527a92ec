// Percent-decoding of paths and query strings, as the ASGI server does it.
#include <gtest/gtest.h>

#include "reference/http/url_codec.hpp"

namespace rm {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(UrlCodec, PercentDecode) {
  EXPECT_EQ(percent_decode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(percent_decode("%e2%82%ac"), "\xE2\x82\xAC");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%2"), "%2");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));
}

TEST(UrlCodec, PercentEncodeRoundTrips) {
  const std::string text = "a b/c?d=e&f%g\xC3\xA9~._-";
  EXPECT_EQ(percent_encode(text), "a%20b%2Fc%3Fd%3De%26f%25g%C3%A9~._-");
  EXPECT_EQ(percent_encode("/x y/z", true), "/x%20y/z");
  EXPECT_EQ(percent_decode(percent_encode(text)), text);
}

TEST(UrlCodec, QueryStringKeepsOrderAndRepeats) {
  EXPECT_EQ(parse_query_string("a=1&b=x+y&a=2&c"),
            (Pairs{{"a", "1"}, {"b", "x y"}, {"a", "2"}, {"c", ""}}));
  EXPECT_EQ(parse_query_string("&&a=%3D&=v&k="), (Pairs{{"a", "="}, {"", "v"}, {"k", ""}}));
  EXPECT_EQ(parse_query_string(""), Pairs{});
  EXPECT_EQ(parse_query_string("x=a=b"), (Pairs{{"x", "a=b"}}));
}

TEST(UrlCodec, RequestTarget) {
  const RequestTarget target = parse_request_target("/api/v1/resumes/a%20b?resume_id=x%2By#frag");
  EXPECT_EQ(target.path, "/api/v1/resumes/a b");
  EXPECT_EQ(target.query, (Pairs{{"resume_id", "x+y"}}));
  EXPECT_EQ(parse_request_target("/p").query, Pairs{});
  EXPECT_EQ(parse_request_target("/p?").path, "/p");
}

}  // namespace
}  // namespace rm
