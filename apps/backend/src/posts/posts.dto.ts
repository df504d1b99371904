import { IsBoolean, IsDefined, IsOptional, IsString } from 'class-validator';

export class MovePostDto {
  /** ISO 8601 with an offset (offset-less reads as UTC); the format is checked by the use case. */
  @IsDefined()
  @IsString()
  date!: string;
}

export class RetryPostDto {
  /** Publish again a post that is already published. */
  @IsOptional()
  @IsBoolean()
  republish?: boolean;

  /** For an UNCONFIRMED post: it is not on the platform. */
  @IsOptional()
  @IsBoolean()
  notPublished?: boolean;
}
