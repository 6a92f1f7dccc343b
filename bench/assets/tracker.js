// Stand-in for an external analytics tag (the benchmark's gated `src` script): it only records that
// it ran, so the benchmark can time "navigation start -> gated script has run".
performance.mark('gated-src');
window.benchTrackerRuns = (window.benchTrackerRuns || 0) + 1;
