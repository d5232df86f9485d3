import { useEffect, useRef } from "preact/hooks";

/** A live video of a MediaStream (muted: it is our own camera). */
export function StreamVideo(props: { stream: MediaStream | null; label: string; class?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== props.stream) ref.current.srcObject = props.stream;
  }, [props.stream]);
  return <video ref={ref} class={props.class} aria-label={props.label} autoplay playsInline muted />;
}
