export function TrackPage({ complaintId }: { complaintId: string }) {
  return <h1>{complaintId}</h1>;
}
