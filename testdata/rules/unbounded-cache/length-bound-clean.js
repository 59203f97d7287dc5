// Arrays that grow only while they are shorter than a bound: a memo filled
// up to the largest index asked for, and a buffer that drops what comes
// past its limit.
const indentStrings = ["", "  "];

export function indent(level) {
  for (let current = indentStrings.length; current <= level; current++) {
    indentStrings.push(indentStrings[current - 1] + indentStrings[1]);
  }
  return indentStrings[level];
}

const MAX_SAMPLES = 500;
const samples = [];

export function record(sample) {
  if (samples.length < MAX_SAMPLES) samples.push(sample);
}

export function average() {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}
