// Every language family foureyes understands. A new language is one more file
// beside this one and one more entry here.

import { CSHARP } from "./csharp.js";
import { GO } from "./go.js";
import { JAVA } from "./java.js";
import { KOTLIN } from "./kotlin.js";
import type { LanguageFamily } from "./language-family.js";
import { PYTHON } from "./python.js";
import { TYPESCRIPT } from "./typescript.js";

export const LANGUAGE_FAMILIES: readonly LanguageFamily[] = [TYPESCRIPT, JAVA, KOTLIN, CSHARP, PYTHON, GO];
