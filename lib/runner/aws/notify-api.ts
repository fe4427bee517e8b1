import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** The notification of a finished run: one SNS message to a topic. */
export interface NotifyApi {
  /**
   * Publishes `message` with `subject` (SNS: at most 100 printable ASCII characters, no line
   * breaks — SNS API reference, Publish) to the topic; resolves with the message id, rejects with
   * the SDK's error (no such topic, access denied).
   */
  publish(topicArn: string, subject: string, message: string): Promise<string | undefined>;
}

export function notifyApi(client: SNSClient): NotifyApi {
  return {
    publish: async (topicArn, subject, message) => (await client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }))).MessageId,
  };
}
