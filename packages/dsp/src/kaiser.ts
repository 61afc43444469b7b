/** Modified Bessel function of the first kind, order 0 (power series; converges for any real x). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > sum * 1e-17; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** Kaiser window of shape `beta` at `position` in −1…1 (0 outside): I0(β√(1 − r²)) / I0(β). */
export function kaiser(position: number, beta: number): number {
  if (!(Math.abs(position) <= 1)) return 0;
  return besselI0(beta * Math.sqrt(1 - position * position)) / besselI0(beta);
}

/** sinc(x) = sin(πx)/(πx), the ideal interpolation kernel for a signal band-limited to half its rate. */
export function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}
