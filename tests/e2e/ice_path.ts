/**
 * In the page: the address pairs media takes — the selected ICE candidate pair of each connected peer
 * connection `capturePeerConnections` recorded, as "local address (type, protocol) → remote address".
 * Imports nothing, so puppeteer-core (the Firefox customer) evaluates it too.
 */
export async function selectedPairs(): Promise<{ local: string; remote: string; protocol: string }[]> {
  const pairs: { local: string; remote: string; protocol: string }[] = [];
  for (const pc of (globalThis as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
    if (pc.connectionState !== "connected") continue;
    const stats = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((r) => byId.set(r.id, r));
    stats.forEach((r) => {
      // Chromium marks the pair in use through the transport; Firefox with `selected`.
      const inUse = r.type === "candidate-pair" && r.state === "succeeded" &&
        (r.selected === true ||
          [...byId.values()].some((t) => t.type === "transport" && t.selectedCandidatePairId === r.id));
      if (!inUse) return;
      const local = byId.get(r.localCandidateId)!;
      const remote = byId.get(r.remoteCandidateId)!;
      pairs.push({
        local: `${local.address ?? local.ip}:${local.port} ${local.candidateType}`,
        remote: `${remote.address ?? remote.ip}:${remote.port} ${remote.candidateType}`,
        protocol: String(local.protocol),
      });
    });
  }
  return pairs;
}
