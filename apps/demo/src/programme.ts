// A test programme generated in the browser, so the demo works with no files: pink-ish noise and
// a tone at changing levels with a quiet passage, about 30 s of stereo.
export function createProgramme(context: BaseAudioContext, seconds = 30): AudioBuffer {
  const rate = context.sampleRate;
  const buffer = context.createBuffer(2, Math.round(seconds * rate), rate);
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296 - 0.5;
  };
  const sections = [-20, -14, -26, -12, -40, -16];
  for (let c = 0; c < 2; c++) {
    const data = buffer.getChannelData(c);
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let i = 0; i < data.length; i++) {
      const t = i / rate;
      const level = 10 ** (sections[Math.floor((t / seconds) * sections.length)] / 20);
      // Paul Kellet's economy pink filter: three one-poles summed.
      const white = random();
      b0 = 0.99765 * b0 + white * 0.099046;
      b1 = 0.963 * b1 + white * 0.2965164;
      b2 = 0.57 * b2 + white * 1.0526913;
      const pink = (b0 + b1 + b2 + white * 0.1848) * 0.25;
      const tone = Math.sin(2 * Math.PI * (c === 0 ? 220 : 221) * t) * 0.3;
      data[i] = level * 2 * (pink + tone);
    }
  }
  return buffer;
}
