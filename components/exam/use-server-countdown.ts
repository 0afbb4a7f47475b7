"use client";
import { useEffect, useRef, useState } from "react";

/**
 * Milliseconds left until `deadlineAt`, by the server's clock: the offset between the
 * server's `serverNow` and this browser's clock is measured once at load.
 */
export function useServerCountdown(deadlineAt: number, serverNow: number): number {
  const offset = useRef(serverNow - Date.now());
  const [remaining, setRemaining] = useState(() => Math.max(0, deadlineAt - serverNow));
  useEffect(() => {
    const tick = () => setRemaining(Math.max(0, deadlineAt - (Date.now() + offset.current)));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadlineAt]);
  return remaining;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
