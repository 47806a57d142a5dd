#include "cli/junit.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace zxspec::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at |s[i]| whose code point XML 1.0 allows, or 0.
size_t XmlCharAt(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t len = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[len] || cp > 0x10FFFF) return 0;              // overlong or beyond Unicode
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0 : s);
  return buf;
}

struct Counts {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  void Add(const JunitCase& c) {
    ++tests;
    failures += c.result == JunitCase::Result::kFailure;
    errors += c.result == JunitCase::Result::kError;
    skipped += c.result == JunitCase::Result::kSkipped;
  }
  void Add(const Counts& o) {
    tests += o.tests;
    failures += o.failures;
    errors += o.errors;
    skipped += o.skipped;
  }
  std::string Attributes() const {
    return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
           "\"";
  }
};

void WriteCase(std::ostringstream& os, const JunitCase& c) {
  os << "    <testcase name=\"" << XmlEscape(c.name) << "\" classname=\""
     << XmlEscape(c.classname) << "\" time=\"" << Seconds(c.seconds) << "\"";
  const char* element = nullptr;
  switch (c.result) {
    case JunitCase::Result::kPass: os << "/>\n"; return;
    case JunitCase::Result::kFailure: element = "failure"; break;
    case JunitCase::Result::kError: element = "error"; break;
    case JunitCase::Result::kSkipped: element = "skipped"; break;
  }
  os << ">\n      <" << element << " message=\"" << XmlEscape(c.message) << "\"";
  if (c.text.empty()) {
    os << "/>\n";
  } else {
    os << ">" << XmlEscape(c.text) << "</" << element << ">\n";
  }
  os << "    </testcase>\n";
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t len = XmlCharAt(s, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;  // kept in attribute values too
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string FormatJunit(std::string_view name, const std::vector<JunitSuite>& suites) {
  std::ostringstream body;
  Counts all;
  double seconds = 0;
  for (const auto& suite : suites) {
    Counts counts;
    for (const auto& c : suite.cases) counts.Add(c);
    all.Add(counts);
    seconds += suite.seconds;
    body << "  <testsuite name=\"" << XmlEscape(suite.name) << "\"" << counts.Attributes()
         << " time=\"" << Seconds(suite.seconds) << "\">\n";
    for (const auto& c : suite.cases) WriteCase(body, c);
    body << "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + XmlEscape(name) +
         "\"" + all.Attributes() + " time=\"" + Seconds(seconds) + "\">\n" + body.str() +
         "</testsuites>\n";
}

bool WriteJunit(const std::string& path, std::string_view name,
                const std::vector<JunitSuite>& suites, std::string* error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << FormatJunit(name, suites);
  out.close();
  if (!out) {
    if (error != nullptr) *error = path + ": cannot write the JUnit report";
    return false;
  }
  return true;
}

}  // namespace zxspec::cli
