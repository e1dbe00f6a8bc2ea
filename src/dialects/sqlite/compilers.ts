export * from "./ddl-compiler.js";
export * from "./statement-compiler.js";
export * from "./type-compiler.js";
