#pragma once

#include <QByteArrayView>
#include <QString>

// What /proc/cpuinfo says about the processor.
struct CpuInfo
{
    QString model; // processor name, runs of spaces collapsed; empty when the file names none
    int count = 0; // logical CPUs listed, which are the online ones
};

// Turns /proc/cpuinfo text into a model name and a CPU count. Pure: no file access.
class CpuInfoParser
{
public:
    // The model is the first "model name" (x86, 32-bit ARM, most others); failing that the first
    // "Processor" (old ARM kernels), "cpu model" (MIPS) or "Hardware" (the SoC, last because it
    // names the board rather than the core). The count is the number of "processor" entries.
    static CpuInfo parse(QByteArrayView text);
};
