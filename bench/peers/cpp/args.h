// Command-line parsing shared by the benchmark peers: "--name value" or "--name=value".
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace peers {

inline std::map<std::string, std::string> ParseArgs(int argc, char** argv, int first,
                                                    const std::set<std::string>& known) {
  std::map<std::string, std::string> values;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      throw std::invalid_argument("unexpected argument: " + arg);
    }
    std::string name = arg.substr(2);
    std::string value;
    const auto equals = name.find('=');
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::invalid_argument("missing value for --" + name);
    }
    if (known.count(name) == 0) {
      throw std::invalid_argument("unknown option --" + name);
    }
    values[name] = value;
  }
  return values;
}

inline std::map<std::string, std::string> ParseArgs(int argc, char** argv, const std::set<std::string>& known) {
  return ParseArgs(argc, argv, 1, known);
}

inline std::string Required(const std::map<std::string, std::string>& values, const std::string& name) {
  const auto found = values.find(name);
  if (found == values.end()) {
    throw std::invalid_argument("--" + name + " is required");
  }
  return found->second;
}

inline int ParseInt(const std::string& text, const std::string& name, int min, int max) {
  size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value < min || value > max) {
    throw std::invalid_argument("--" + name + " must be an integer in [" + std::to_string(min) + ", " +
                                std::to_string(max) + "], got '" + text + "'");
  }
  return value;
}

}  // namespace peers
