import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The run's output. */
export class ExecLogsDto {
  /** Lines of stdout and stderr, in the order the container wrote them. */
  @ApiProperty({ type: [String] })
  lines: string[];
}

/** What the code last wrote to `/apprun/progress.json` (more fields allowed). */
export class ExecProgressDto {
  /** Progress in percent, 0 to 100. */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 42.5 })
  main_progress?: number;
  @ApiPropertyOptional({ type: 'integer' })
  epoch?: number;
  @ApiPropertyOptional({ type: 'integer' })
  batch?: number;
}

/** What the code wrote to `/apprun/result.json` at the end (more fields allowed). */
export class ExecResultDto {
  /** Final loss of the training. */
  @ApiPropertyOptional()
  loss?: number;
  /** Value of the evaluation metric. */
  @ApiPropertyOptional()
  metric?: number;
  /** Name of the metric (accuracy, f1-score, mse…). */
  @ApiPropertyOptional({ example: 'accuracy' })
  metric_name?: string;
}

/** The action was done. */
export class ExecDoneDto {
  @ApiProperty({ example: true })
  success: boolean;
}
