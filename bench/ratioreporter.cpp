#include "ratioreporter.h"

#include <algorithm>
#include <iomanip>

void RatioReporter::ReportRuns(const std::vector<Run> &runs)
{
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs) {
        if (run.iterations == 0 || run.error_occurred)
            continue;
        // An aggregate's accumulated time divided by its iterations is per iteration too.
        const double perIteration = run.cpu_accumulated_time / double(run.iterations);
        const std::string &name = run.run_name.function_name;
        if (run.run_type == Run::RT_Iteration)
            m_iterations[name].push_back(perIteration);
        else if (run.aggregate_name == "median")
            m_medians[name] = perIteration;
    }
}

double RatioReporter::seconds(const std::string &name) const
{
    if (const auto median = m_medians.find(name); median != m_medians.end())
        return median->second;
    const auto it = m_iterations.find(name);
    if (it == m_iterations.end() || it->second.empty())
        return 0;
    std::vector<double> values = it->second;
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

void RatioReporter::printRatios(std::ostream &out, const std::vector<std::string> &floors,
                                const std::string &listing,
                                const std::vector<std::string> &ticks) const
{
    std::string best;
    for (const std::string &name : floors) {
        if (seconds(name) > 0 && (best.empty() || seconds(name) < seconds(best)))
            best = name;
    }
    if (best.empty())
        return;
    const double floor = seconds(best);
    out << std::fixed;
    for (const std::string &name : ticks) {
        if (seconds(name) <= 0)
            continue;
        out << "ratio tick/best-floor = " << std::setprecision(2) << seconds(name) / floor << "  ("
            << name << " " << std::setprecision(1) << seconds(name) * 1e6 << " us / " << best << " "
            << floor * 1e6 << " us, CPU time)\n";
        if (seconds(listing) > 0)
            out << "ratio tick/(best-floor+listing) = " << std::setprecision(2)
                << seconds(name) / (floor + seconds(listing)) << "  (" << name << ")\n";
    }
}
