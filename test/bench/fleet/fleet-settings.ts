// The fleet scenario's fixed assumptions, in one place so the printout can name them.

import { type GpuProfile, H100_VLLM } from "./emulated-gpu.js";

export interface FleetSettings {
  gpu: GpuProfile;
  /** Changed lines landed per week by the organisation. */
  linesPerWeek: number;
  /** Working hours per week over which pull requests arrive. */
  workingHours: number;
  /** The Monday-morning burst, as a multiple of the mean rate. */
  burstFactor: number;
  /** Output tokens per model answer (a review answer of two or three comments). */
  answerTokens: number;
  /** Model requests one review keeps open (FOUREYES_MODEL_CONCURRENCY's default). */
  modelConcurrency: number;
  /** p95 from arrival to posted review that the scenario must meet, in seconds. */
  targetP95Seconds: number;
  seed: number;
}

export const FLEET_SETTINGS: FleetSettings = {
  gpu: H100_VLLM,
  linesPerWeek: 250_000,
  workingHours: 5 * 9,
  burstFactor: 3,
  answerTokens: 400,
  modelConcurrency: 4,
  targetP95Seconds: 300,
  seed: 20261130,
};
