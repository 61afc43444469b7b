// Peak level of a point in the graph, per channel, for the mixer's meters: an analyser per channel
// listening in parallel (it changes nothing it listens to), read once per animation frame.

export class LevelTap {
  private readonly splitter: ChannelSplitterNode;
  private readonly analysers: AnalyserNode[];
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(
    context: BaseAudioContext,
    private readonly source: AudioNode,
  ) {
    this.splitter = new ChannelSplitterNode(context, { numberOfOutputs: 2 });
    // ~43 ms at 48 kHz: longer than any frame interval, so no peak slips between two reads.
    this.analysers = [0, 1].map(() => new AnalyserNode(context, { fftSize: 2048 }));
    this.samples = new Float32Array(2048);
    source.connect(this.splitter);
    for (const [channel, analyser] of this.analysers.entries()) this.splitter.connect(analyser, channel);
  }

  /** The peak of the last ~43 ms of each channel, dBFS (−∞ for silence). */
  read(): [number, number] {
    const peaks = this.analysers.map((analyser) => {
      analyser.getFloatTimeDomainData(this.samples);
      let peak = 0;
      for (const sample of this.samples) peak = Math.max(peak, Math.abs(sample));
      return 20 * Math.log10(peak);
    });
    return [peaks[0], peaks[1]];
  }

  disconnect(): void {
    this.source.disconnect(this.splitter);
    this.splitter.disconnect();
  }
}
