"""ai-consumer-metrics: hard figures on China's AI consumer apps, cited to the character."""
