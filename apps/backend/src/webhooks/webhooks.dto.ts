import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  @IsString()
  @MaxLength(100)
  name!: string;

  /** http(s); checked against the outbound address rules by the use case. */
  @IsString()
  @MaxLength(2048)
  url!: string;

  /** Channel ids; none means every channel. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  integrations?: string[];

  /** post.published, post.failed, channel.refresh_needed; none means all of them. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  events?: string[];
}
