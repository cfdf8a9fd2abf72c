#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

// The console report, plus what is needed afterwards to compare a tick with the floors: each
// benchmark's CPU time per iteration (the median when repeated). CPU time rather than wall time
// because these loops are all system calls on one thread, and on a busy machine the wall clock
// also counts the time spent waiting for a core.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run> &runs) override;

    // Prints "ratio tick/best-floor = X" for each name in ticks against the fastest of floors,
    // then the same against that floor plus the listing benchmark (the part of a scan that no
    // floor includes). Names that did not run are skipped.
    void printRatios(std::ostream &out, const std::vector<std::string> &floors,
                     const std::string &listing, const std::vector<std::string> &ticks) const;

private:
    double seconds(const std::string &name) const;

    std::map<std::string, std::vector<double>> m_iterations; // per iteration, each repetition
    std::map<std::string, double> m_medians;                 // the median aggregate, if any
};
