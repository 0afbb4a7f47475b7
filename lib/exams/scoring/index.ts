export * from "./score";
export * from "./clock";
export * from "./select";
export { hashSeed, mulberry32, seededRandom, shuffle } from "../../random";
