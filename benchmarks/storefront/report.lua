-- done() hook shared by the storefront scripts: one "STATS key=value ..." line per run,
-- parsed by benchmarks/storefront.py.
function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    "STATS requests=%d seconds=%.2f rps=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non_2xx_3xx=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    failed, e.status, e.timeout))
end
