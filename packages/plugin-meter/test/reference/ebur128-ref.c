/*
 * Reference measurement with libebur128 for libebur128.test.ts.
 * Usage: ebur128-ref CHANNELS RATE < interleaved-float32-native-endian
 * Prints one JSON object: integrated (LUFS), loudnessRange (LU), truePeak (dBTP, the maximum over
 * channels) and shortTerm, libebur128's short-term loudness every 100 ms from 3 s on (its own LRA
 * samples it at 1 Hz only); a non-finite value prints as null. Default channel map (5.1 = L R C LFE Ls Rs).
 */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>


static void print_number(const char *name, double v, const char *separator) {
  if (isfinite(v)) {
    printf("\"%s\": %.9f%s", name, v, separator);
  } else {
    printf("\"%s\": null%s", name, separator);
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s CHANNELS RATE < interleaved float32\n", argv[0]);
    return 2;
  }
  unsigned int channels = (unsigned int) strtoul(argv[1], NULL, 10);
  unsigned long rate = strtoul(argv[2], NULL, 10);
  int mode = EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK;
  ebur128_state *st = ebur128_init(channels, rate, mode);
  /* 100 ms chunks aligned to t = 0, the grid the short-term values are read on. */
  size_t chunk = rate / 10;
  size_t max_values = 1024;
  size_t values = 0;
  float *buffer = malloc(sizeof(float) * chunk * channels);
  double *short_term = malloc(sizeof(double) * max_values);
  if (rate % 10 != 0) {
    fprintf(stderr, "ebur128-ref: the rate must be a multiple of 10 Hz (100 ms chunks), got %lu\n", rate);
    return 2;
  }
  if (st == NULL || buffer == NULL || short_term == NULL) {
    fprintf(stderr, "ebur128-ref: cannot initialise for %u channels at %lu Hz\n", channels, rate);
    return 1;
  }
  size_t frames;
  size_t chunks = 0;
  while ((frames = fread(buffer, sizeof(float) * channels, chunk, stdin)) > 0) {
    if (ebur128_add_frames_float(st, buffer, frames) != EBUR128_SUCCESS) {
      fprintf(stderr, "ebur128-ref: ebur128_add_frames_float failed\n");
      return 1;
    }
    if (frames < chunk || ++chunks < 30) continue;
    if (values == max_values) {
      max_values *= 2;
      short_term = realloc(short_term, sizeof(double) * max_values);
      if (short_term == NULL) {
        fprintf(stderr, "ebur128-ref: out of memory\n");
        return 1;
      }
    }
    if (ebur128_loudness_shortterm(st, &short_term[values++]) != EBUR128_SUCCESS) {
      fprintf(stderr, "ebur128-ref: reading short-term loudness failed\n");
      return 1;
    }
  }
  double integrated = 0.0;
  double range = 0.0;
  double peak = 0.0;
  if (ebur128_loudness_global(st, &integrated) != EBUR128_SUCCESS ||
      ebur128_loudness_range(st, &range) != EBUR128_SUCCESS) {
    fprintf(stderr, "ebur128-ref: reading loudness failed\n");
    return 1;
  }
  for (unsigned int c = 0; c < channels; c++) {
    double channel_peak = 0.0;
    if (ebur128_true_peak(st, c, &channel_peak) != EBUR128_SUCCESS) {
      fprintf(stderr, "ebur128-ref: reading the true peak of channel %u failed\n", c);
      return 1;
    }
    if (channel_peak > peak) peak = channel_peak;
  }
  printf("{");
  print_number("integrated", integrated, ", ");
  print_number("loudnessRange", range, ", ");
  print_number("truePeak", 20.0 * log10(peak), ", ");
  printf("\"shortTerm\": [");
  for (size_t i = 0; i < values; i++) {
    if (isfinite(short_term[i])) {
      printf("%s%.9f", i ? ", " : "", short_term[i]);
    } else {
      printf("%snull", i ? ", " : "");
    }
  }
  printf("]}\n");
  ebur128_destroy(&st);
  free(buffer);
  free(short_term);
  return 0;
}
