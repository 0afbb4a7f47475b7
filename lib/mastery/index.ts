export * from "./model";
export * from "./record";
export * from "./readiness";
export * from "./replay";
