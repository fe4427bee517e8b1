/** The stack output that carries a drill's FIS template id: `task-stop-drain` → `DrillTaskStopDrainTemplateId`. */
export function templateOutputKey(drillId: string): string {
  const pascal = drillId
    .split('-')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `Drill${pascal}TemplateId`;
}
