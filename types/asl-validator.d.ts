// asl-validator 4.0.0 ships no type declarations. Only what test/infra uses is declared.
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath: string; schemaPath: string };
  }

  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }

  interface AslValidationOptions {
    /** Check JSONPath syntax in InputPath, OutputPath, ResultPath (default true). */
    checkPaths: boolean;
    /** Check that every Task Resource is an ARN (default true). */
    checkArn: boolean;
  }

  function aslValidator(definition: unknown, options?: AslValidationOptions): AslValidationResult;
  export = aslValidator;
}
