// Types for dockerfile.cjs (shared by the jest specs and image-commands.mjs, which runs without a build).
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}
export interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}
export interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}
export interface RunStep {
  command: string;
  env: Record<string, string>;
  line: number;
}
export function parseDockerfile(text: string): Dockerfile;
export function parseAssignments(args: string, scope: Record<string, string>): Record<string, string>;
export function substitute(value: string, scope: Record<string, string>): string;
export function runSteps(dockerfile: Dockerfile, stageName: string): RunStep[];
