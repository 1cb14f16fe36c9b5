// The `sentiment` package's English language module (AFINN-165 labels and its own
// one-word negation strategy). @types/sentiment describes only the package's main entry.
declare module 'sentiment/languages/en/index.js' {
  const english: {
    labels: Record<string, number>;
    scoringStrategy: { apply: (tokens: string[], cursor: number, tokenScore: number) => number };
  };
  export default english;
}
