// The middle value of benchmark samples (the upper middle of an even count), the figure every bench reports.
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
