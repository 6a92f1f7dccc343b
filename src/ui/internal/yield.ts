/**
 * Lets the page run between the steps of the interface's start (input, rendering, its own scripts), so
 * that none of them is one long task: `scheduler.yield()` where the browser has it (the continuation
 * keeps its priority), else a new task through a `MessageChannel` (no 4 ms clamp as `setTimeout` has).
 */
interface Scheduler {
  yield?: () => Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
