/**
 * A network cable for one browser's WebRTC media that a test can pull: a UDP relay in front of
 * livekit-server's media port. Chromium's offline emulation (`context.setOffline`) stops HTTP and
 * WebSockets but not WebRTC, so a page that should lose its whole network sends its media through
 * this relay (see `routeMediaThrough`), and `unplug()` drops every packet both ways, as a dead
 * link does. The relay is a real UDP hop: each browser socket gets its own upstream socket, so
 * LiveKit sees the relay's address as the peer's (like a NAT) and ICE works unchanged.
 */
import dgram from "node:dgram";
import type { BrowserContext, Page } from "@playwright/test";

export interface Cable {
  port: number;
  /** Packets relayed, both ways. */
  relayed(): number;
  unplug(): void;
  plug(): void;
  close(): Promise<void>;
}

const bound = (socket: dgram.Socket) =>
  new Promise<number>((resolve) => socket.bind(0, "127.0.0.1", () => resolve(socket.address().port)));

export async function udpCable(target: { host: string; port: number }): Promise<Cable> {
  const front = dgram.createSocket("udp4");
  const port = await bound(front);
  const upstream = new Map<string, dgram.Socket>();
  let plugged = true;
  let relayed = 0;
  front.on("message", (packet, from) => {
    if (!plugged) return;
    const key = `${from.address}:${from.port}`;
    let socket = upstream.get(key);
    if (!socket) {
      socket = dgram.createSocket("udp4");
      upstream.set(key, socket);
      socket.on("message", (reply) => {
        if (!plugged) return;
        relayed++;
        front.send(reply, from.port, from.address);
      });
      socket.bind(0, "127.0.0.1"); // sends wait for the bind
    }
    relayed++;
    socket.send(packet, target.port, target.host);
  });
  return {
    port,
    relayed: () => relayed,
    unplug: () => void (plugged = false),
    plug: () => void (plugged = true),
    async close() {
      for (const socket of [front, ...upstream.values()]) await new Promise<void>((r) => socket.close(() => r()));
    },
  };
}

/**
 * Makes every RTCPeerConnection of the context's pages reach LiveKit's UDP media port through the
 * cable, and only through it: the server's candidates on `livekitPort` are rewritten to the cable's
 * port and its TCP candidates dropped; the page's own candidates are not told to the server, which
 * therefore learns the browser's address only from the checks that arrive through the cable (a
 * peer-reflexive candidate, as behind a NAT), and cannot open a direct path around it. Nothing else
 * of the page changes.
 */
export async function routeMediaThrough(context: BrowserContext, cable: Cable, livekitPort: number) {
  await context.addInitScript(({ from, to }) => {
    const rewrite = (line: string) => {
      if (!/^(a=)?candidate:/i.test(line)) return line;
      const parts = line.split(" ");
      // candidate:<foundation> <component> <protocol> <priority> <address> <port> typ …
      if (parts[2]?.toLowerCase() !== "udp") return null;
      if (parts[5] === String(from)) parts[5] = String(to);
      return parts.join(" ");
    };
    const proto = RTCPeerConnection.prototype;
    const withoutCandidates = (d: RTCSessionDescriptionInit) =>
      d.sdp ? { type: d.type, sdp: d.sdp.split("\r\n").filter((l) => !/^a=candidate:/i.test(l)).join("\r\n") } : d;
    for (const name of ["createOffer", "createAnswer"] as const) {
      const create = proto[name] as (this: RTCPeerConnection, ...a: unknown[]) => Promise<RTCSessionDescriptionInit>;
      (proto as unknown as Record<string, unknown>)[name] = async function (this: RTCPeerConnection, ...a: unknown[]) {
        return withoutCandidates(await create.apply(this, a));
      };
    }
    // Every gathered candidate looks like the end of gathering to the app, so none is signalled.
    Object.defineProperty(RTCPeerConnectionIceEvent.prototype, "candidate", { get: () => null });
    const setRemote = proto.setRemoteDescription as (d?: RTCSessionDescriptionInit) => Promise<void>;
    proto.setRemoteDescription = function (this: RTCPeerConnection, description?: RTCSessionDescriptionInit) {
      if (description?.sdp) {
        const sdp = description.sdp.split("\r\n").map(rewrite).filter((l) => l !== null).join("\r\n");
        description = { type: description.type, sdp };
      }
      ((globalThis as unknown as { __connections: Set<RTCPeerConnection> }).__connections ??= new Set()).add(this);
      return setRemote.call(this, description);
    } as typeof proto.setRemoteDescription;
    const addCandidate = proto.addIceCandidate as (c?: RTCIceCandidateInit | null) => Promise<void>;
    proto.addIceCandidate = function (this: RTCPeerConnection, init?: RTCIceCandidateInit | null) {
      if (init?.candidate) {
        const line = rewrite(init.candidate);
        if (line === null) return Promise.resolve();
        init = { ...("toJSON" in init ? (init as RTCIceCandidate).toJSON() : init), candidate: line };
      }
      return addCandidate.call(this, init);
    } as typeof proto.addIceCandidate;
  }, { from: livekitPort, to: cable.port });
}

/** The ICE candidate pairs of every connection routed through a cable, for a failure's report. */
export function iceReport(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const connections = (globalThis as unknown as { __connections?: Set<RTCPeerConnection> }).__connections ?? [];
    for (const pc of connections) {
      out.push(`connection ${pc.iceConnectionState}/${pc.connectionState}`);
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type !== "candidate-pair") return;
        const [local, remote] = [stats.get(s.localCandidateId), stats.get(s.remoteCandidateId)];
        out.push(
          `  ${s.state}${s.nominated ? " nominated" : ""} ${local?.address}:${local?.port} → ` +
            `${remote?.address}:${remote?.port} (${remote?.candidateType}) requests ${s.requestsSent}/${s.requestsReceived} ` +
            `responses ${s.responsesReceived}/${s.responsesSent}`,
        );
      });
    }
    return out;
  });
}
